/*
 * NUCLEO-H723ZG (MB1364) board configuration for candado_board_natives.c.
 * Addresses: RM0468 (STM32H723/733, H725/735, H730) memory map and RCC chapter.
 * Pins: UM2407 (STM32H7 Nucleo-144 boards user manual), LEDs and push-buttons sections.
 */
#ifndef CANDADO_BOARD_CONFIG_H
#define CANDADO_BOARD_CONFIG_H

#include "candado_pins.h"

/* GPIOA at 0x5802 0000 on AHB4 (D3 domain); each port is 0x400 further (GPIOK at 0x5802 2800). */
#ifndef CANDADO_GPIO_BASE /* overridable: the host test maps the registers to memory */
#define CANDADO_GPIO_BASE(port) (0x58020000u + 0x400u * (uint32_t)(port))
#endif
/* RCC at 0x5802 4400; RCC_AHB4ENR at offset 0x0E0, GPIOxEN = bit x (GPIOAEN bit 0). */
#ifndef CANDADO_RCC_GPIO_ENR
#define CANDADO_RCC_GPIO_ENR (0x58024400u + 0x0E0u)
#endif

/* LD1 green PB0, LD2 yellow PE1, LD3 red PB14 (lit when the pin is high). */
static const candado_pin_t candado_leds[] = {
    {PORT_B, 0u},
    {PORT_E, 1u},
    {PORT_B, 14u},
};

/* B1 USER (blue) on PC13: high when pressed (pull-down on the board). */
static const candado_pin_t candado_button = {PORT_C, 13u};
#define CANDADO_BUTTON_ACTIVE_HIGH 1

#endif
