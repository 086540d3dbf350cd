/**
 * Stand-ins for the few Java SE security types Bouncy Castle's lightweight code names and no MicroEJ module
 * provides (java.security.AccessController and its actions, java.security.Security's properties,
 * javax.security.auth.Destroyable). The build's Bouncy Castle rewrite (candado.pc.build.BouncyCastleForMicroEj)
 * points BC's class files at these classes; firmware code does not use them. Without a security manager (none
 * on MicroEJ, none in the PC port) they behave as the Java SE types do.
 */
package candado.compat;
