/*
 * STM32F769I-DISCO (MB1225) board configuration for candado_board_natives.c.
 * Addresses: RM0410 (STM32F76xxx/77xxx) memory map and RCC chapter.
 * Pins: UM2033 (32F769IDISCOVERY user manual) and ST's STM32F769I-Discovery BSP (LEDn = 2).
 */
#ifndef CANDADO_BOARD_CONFIG_H
#define CANDADO_BOARD_CONFIG_H

#include "candado_pins.h"

/* GPIOA at 0x4002 0000 on AHB1; each port is 0x400 further (GPIOJ at 0x4002 2400). */
#ifndef CANDADO_GPIO_BASE /* overridable: the host test maps the registers to memory */
#define CANDADO_GPIO_BASE(port) (0x40020000u + 0x400u * (uint32_t)(port))
#endif
/* RCC at 0x4002 3800; RCC_AHB1ENR at offset 0x30, GPIOxEN = bit x (GPIOAEN bit 0 .. GPIOKEN bit 10). */
#ifndef CANDADO_RCC_GPIO_ENR
#define CANDADO_RCC_GPIO_ENR (0x40023800u + 0x30u)
#endif

/* RNG at 0x5006 0800 (AHB2); RCC_AHB2ENR at offset 0x34, RNGEN = bit 6. Its kernel clock is PLL48CLK,
 * set up by the VEE Port's clock configuration (the natives do not touch the PLL). */
#ifndef CANDADO_RNG_BASE
#define CANDADO_RNG_BASE 0x50060800u
#endif
#ifndef CANDADO_RCC_RNG_ENR
#define CANDADO_RCC_RNG_ENR (0x40023800u + 0x34u)
#endif
#define CANDADO_RCC_RNG_EN_BIT 6u

/* LD1 red PJ13, LD2 green PJ5 (lit when the pin is high). */
static const candado_pin_t candado_leds[] = {
    {PORT_J, 13u},
    {PORT_J, 5u},
};

/* B1 USER & WAKE-UP (blue) on PA0: high when pressed (pull-down on the board). */
static const candado_pin_t candado_button = {PORT_A, 0u};
#define CANDADO_BUTTON_ACTIVE_HIGH 1

/* Independent watchdog, RM0410: IWDG at 0x4000 3000 (APB1); clocked by the LSI (~32 kHz). */
#ifndef CANDADO_IWDG_BASE
#define CANDADO_IWDG_BASE 0x40003000u
#endif

#endif
