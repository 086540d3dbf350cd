/**
 * The firmware's compile-time view of MicroEJ's MicroPaho ({@code ej.library.iot#micropaho} 1.0.0): only the
 * members the build's API table lists for it (candado.pc.build.MicroEjApis), with Eclipse Paho Java's
 * signatures (MicroPaho is "based on Eclipse Paho Java APIs"). The firmware compile puts this folder on its
 * -sourcepath with -Xprefer:source and -implicit:none: javac checks the adapter against these declarations,
 * no class file is produced, and on the PC the adapter runs on Eclipse Paho 1.2.5 (same names, same
 * descriptors). Bodies are never run.
 */
package org.eclipse.paho.client.mqttv3;
