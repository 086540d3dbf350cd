/*
 * SNI natives of candado.board.NativeBoardIo, shared by both boards.
 *
 * Register-level GPIO so no vendor header (CMSIS / STM32Cube) is needed: the board's
 * board_config.h (platform/<board>/src, on the include path) gives the GPIO and RCC addresses from
 * the MCU's reference manual and the LED / button pins from the board's user manual.
 * LEDs are written through BSRR (one atomic store, safe against other code touching the same port);
 * MODER/OTYPER/OSPEEDR/PUPDR are read-modify-written once, in gpioInit, before any LED is used.
 * SNI natives run on the Core Engine's thread and must not block: none of these does.
 */
#include <stdint.h>
#include "sni.h"
#include "board_config.h"

/* GPIO register offsets: identical in RM0468 (STM32H723) and RM0410 (STM32F769). */
#define GPIO_MODER   0x00u
#define GPIO_OTYPER  0x04u
#define GPIO_OSPEEDR 0x08u
#define GPIO_PUPDR   0x0Cu
#define GPIO_IDR     0x10u
#define GPIO_ODR     0x14u
#define GPIO_BSRR    0x18u

#define LED_COUNT ((jint)(sizeof(candado_leds) / sizeof(candado_leds[0])))

static volatile uint32_t *reg(uint32_t port, uint32_t offset)
{
    return (volatile uint32_t *)(uintptr_t)(CANDADO_GPIO_BASE(port) + offset);
}

static void clock_enable(uint32_t port)
{
    volatile uint32_t *enr = (volatile uint32_t *)(uintptr_t)CANDADO_RCC_GPIO_ENR;
    *enr |= 1u << port;
    /* Read back: the peripheral clock is only running a few cycles after the write (RM errata note). */
    (void)*enr;
}

/* Sets the 2-bit field of pin in a MODER/OSPEEDR/PUPDR-style register. */
static void set_field2(uint32_t port, uint32_t offset, uint32_t pin, uint32_t value)
{
    volatile uint32_t *r = reg(port, offset);
    *r = (*r & ~(3u << (pin * 2u))) | (value << (pin * 2u));
}

static void led_drive(const candado_pin_t *led, int on)
{
    /* BSRR: low half sets, high half resets. LEDs are lit by a high level on both boards. */
    *reg(led->port, GPIO_BSRR) = on ? (1u << led->pin) : (1u << (led->pin + 16u));
}

jint Java_candado_board_NativeBoardIo_gpioInit(void)
{
    jint i;
    for (i = 0; i < LED_COUNT; i++) {
        const candado_pin_t *led = &candado_leds[i];
        clock_enable(led->port);
        led_drive(led, 0);                                   /* off before it becomes an output */
        set_field2(led->port, GPIO_PUPDR, led->pin, 0u);     /* no pull */
        set_field2(led->port, GPIO_OSPEEDR, led->pin, 0u);   /* low speed: an LED needs no edges */
        *reg(led->port, GPIO_OTYPER) &= ~(1u << led->pin);   /* push-pull */
        set_field2(led->port, GPIO_MODER, led->pin, 1u);     /* general-purpose output */
    }
    clock_enable(candado_button.port);
    /* The board has its own pull-down on the button net: input, no internal pull. */
    set_field2(candado_button.port, GPIO_PUPDR, candado_button.pin, 0u);
    set_field2(candado_button.port, GPIO_MODER, candado_button.pin, 0u);
    return LED_COUNT;
}

void Java_candado_board_NativeBoardIo_ledWrite(jint number, jboolean on)
{
    if (number >= 1 && number <= LED_COUNT) {
        led_drive(&candado_leds[number - 1], on != JFALSE);
    }
}

jboolean Java_candado_board_NativeBoardIo_ledRead(jint number)
{
    const candado_pin_t *led;
    if (number < 1 || number > LED_COUNT) {
        return JFALSE;
    }
    led = &candado_leds[number - 1];
    return (*reg(led->port, GPIO_ODR) & (1u << led->pin)) != 0u ? JTRUE : JFALSE;
}

jboolean Java_candado_board_NativeBoardIo_buttonRead(void)
{
    uint32_t high = *reg(candado_button.port, GPIO_IDR) & (1u << candado_button.pin);
    return (high != 0u) == (CANDADO_BUTTON_ACTIVE_HIGH != 0) ? JTRUE : JFALSE;
}
