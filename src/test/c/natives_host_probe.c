/*
 * Host-side probe of platform/common/candado_board_natives.c (run by candado.board.NativesHostTest).
 * Compiled with the GPIO and RCC addresses redirected to the arrays below (CANDADO_GPIO_BASE and
 * CANDADO_RCC_GPIO_ENR given with -D), so the natives' register writes can be observed: it prints
 * what they did as key=value lines and the Java test compares that with candado.board.BoardProfile.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "sni.h"

#define PORTS 11u
#define WORDS_PER_PORT 256u /* 0x400 bytes */

uint32_t candado_fake_gpio[PORTS][WORDS_PER_PORT];
uint32_t candado_fake_rcc_enr;

jint Java_candado_board_NativeBoardIo_gpioInit(void);
void Java_candado_board_NativeBoardIo_ledWrite(jint number, jboolean on);
jboolean Java_candado_board_NativeBoardIo_ledRead(jint number);
jboolean Java_candado_board_NativeBoardIo_buttonRead(void);

enum { MODER = 0x00 / 4, OTYPER = 0x04 / 4, PUPDR = 0x0C / 4, IDR = 0x10 / 4, ODR = 0x14 / 4, BSRR = 0x18 / 4 };

static void clear_bsrr(void)
{
    unsigned p;
    for (p = 0; p < PORTS; p++) {
        candado_fake_gpio[p][BSRR] = 0;
    }
}

/* Prints the one port whose BSRR was written (or none) after a ledWrite. */
static void print_bsrr(const char *what, int n)
{
    unsigned p;
    int found = 0;
    for (p = 0; p < PORTS; p++) {
        if (candado_fake_gpio[p][BSRR] != 0) {
            printf("%s%d=%c:%08x\n", what, n, 'A' + p, (unsigned)candado_fake_gpio[p][BSRR]);
            found++;
        }
    }
    if (found == 0) {
        printf("%s%d=none\n", what, n);
    }
}

int main(void)
{
    jint n, count;
    unsigned p, pin;
    memset(candado_fake_gpio, 0xFF, sizeof candado_fake_gpio); /* garbage: init must set what it needs */
    count = Java_candado_board_NativeBoardIo_gpioInit();
    printf("count=%d\n", (int)count);
    printf("rcc=%08x\n", (unsigned)candado_fake_rcc_enr);
    for (p = 0; p < PORTS; p++) {
        printf("port%c=moder:%08x,otyper:%08x,pupdr:%08x\n", 'A' + p, (unsigned)candado_fake_gpio[p][MODER],
               (unsigned)candado_fake_gpio[p][OTYPER], (unsigned)candado_fake_gpio[p][PUPDR]);
    }
    for (n = 1; n <= count; n++) {
        clear_bsrr();
        Java_candado_board_NativeBoardIo_ledWrite(n, JTRUE);
        print_bsrr("on", n);
        clear_bsrr();
        Java_candado_board_NativeBoardIo_ledWrite(n, JFALSE);
        print_bsrr("off", n);
    }
    clear_bsrr();
    Java_candado_board_NativeBoardIo_ledWrite(count + 1, JTRUE);
    Java_candado_board_NativeBoardIo_ledWrite(0, JTRUE);
    print_bsrr("outOfRange", 0);
    /* ledRead: each LED reads its own ODR bit (found from its BSRR set bit) and nothing else. */
    for (n = 1; n <= count; n++) {
        unsigned q, own_port = PORTS;
        uint32_t own_bit = 0;
        clear_bsrr();
        Java_candado_board_NativeBoardIo_ledWrite(n, JTRUE);
        for (q = 0; q < PORTS; q++) {
            if (candado_fake_gpio[q][BSRR] != 0) {
                own_port = q;
                own_bit = candado_fake_gpio[q][BSRR];
            }
        }
        if (own_port == PORTS) {
            printf("readOwn%d=noport\n", (int)n);
            continue;
        }
        for (p = 0; p < PORTS; p++) {
            candado_fake_gpio[p][ODR] = 0;
        }
        candado_fake_gpio[own_port][ODR] = own_bit;
        printf("readOwn%d=%d\n", (int)n, (int)Java_candado_board_NativeBoardIo_ledRead(n));
        for (p = 0; p < PORTS; p++) {
            candado_fake_gpio[p][ODR] = 0xFFFFFFFFu;
        }
        candado_fake_gpio[own_port][ODR] = ~own_bit;
        printf("readOthers%d=%d\n", (int)n, (int)Java_candado_board_NativeBoardIo_ledRead(n));
    }
    /* buttonRead: the single IDR bit that reads as pressed. */
    for (p = 0; p < PORTS; p++) {
        candado_fake_gpio[p][IDR] = 0;
    }
    printf("buttonIdle=%d\n", (int)Java_candado_board_NativeBoardIo_buttonRead());
    for (p = 0; p < PORTS; p++) {
        for (pin = 0; pin < 16; pin++) {
            candado_fake_gpio[p][IDR] = 1u << pin;
            if (Java_candado_board_NativeBoardIo_buttonRead()) {
                printf("buttonPin=P%c%u\n", 'A' + p, pin);
            }
            candado_fake_gpio[p][IDR] = 0;
        }
    }
    return 0;
}
