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

/* RNG at 0x4802 1800 (AHB2, D2 domain); RCC_AHB2ENR at offset 0x0DC, RNGEN = bit 6. */
#ifndef CANDADO_RNG_BASE
#define CANDADO_RNG_BASE 0x48021800u
#endif
#ifndef CANDADO_RCC_RNG_ENR
#define CANDADO_RCC_RNG_ENR (0x58024400u + 0x0DCu)
#endif
#define CANDADO_RCC_RNG_EN_BIT 6u
/* RNG kernel clock after reset: HSI48 (RNGSEL = 00 in RCC_D2CCIP2R); RCC_CR HSI48ON = bit 12, HSI48RDY = bit 13. */
#ifndef CANDADO_RCC_HSI48_CR
#define CANDADO_RCC_HSI48_CR (0x58024400u + 0x000u)
#endif
#define CANDADO_HSI48_ON_BIT 12u
#define CANDADO_HSI48_RDY_BIT 13u

/* LD1 green PB0, LD2 yellow PE1, LD3 red PB14 (lit when the pin is high). */
static const candado_pin_t candado_leds[] = {
    {PORT_B, 0u},
    {PORT_E, 1u},
    {PORT_B, 14u},
};

/* B1 USER (blue) on PC13: high when pressed (pull-down on the board). */
static const candado_pin_t candado_button = {PORT_C, 13u};
#define CANDADO_BUTTON_ACTIVE_HIGH 1

/* Independent watchdog, RM0468: IWDG1 at 0x5800 4800 (D3 domain, APB4); clocked by the LSI (~32 kHz). */
#ifndef CANDADO_IWDG_BASE
#define CANDADO_IWDG_BASE 0x58004800u
#endif

#endif
