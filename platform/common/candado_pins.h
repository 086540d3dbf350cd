/* A GPIO pin as port index (A = 0, B = 1, ...) and pin number 0..15. */
#ifndef CANDADO_PINS_H
#define CANDADO_PINS_H

#include <stdint.h>

typedef struct {
    uint32_t port;
    uint32_t pin;
} candado_pin_t;

enum { PORT_A, PORT_B, PORT_C, PORT_D, PORT_E, PORT_F, PORT_G, PORT_H, PORT_I, PORT_J, PORT_K };

#endif
