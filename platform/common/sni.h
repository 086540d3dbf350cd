/*
 * Minimal stand-in for MicroEJ's sni.h, so the natives compile here without the MicroEJ SDK.
 * The real header comes from the VEE Port (its include folder, next to the Core Engine headers)
 * and must be used when linking a firmware: delete this file's folder from the include path then.
 * Only what candado's natives use is declared; the types match the SNI specification
 * (jint = 32-bit signed, jboolean = 8-bit unsigned).
 */
#ifndef CANDADO_SNI_STANDIN_H
#define CANDADO_SNI_STANDIN_H

#include <stdint.h>

typedef int8_t jbyte;
typedef uint8_t jboolean;
typedef int16_t jshort;
typedef uint16_t jchar;
typedef int32_t jint;
typedef int64_t jlong;
typedef float jfloat;
typedef double jdouble;

#define JTRUE ((jboolean)1)
#define JFALSE ((jboolean)0)

#endif
