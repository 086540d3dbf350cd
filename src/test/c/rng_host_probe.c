/*
 * Host-side probe of platform/common/candado_rng_natives.c (run by candado.board.NativesHostTest).
 * Compiled with CANDADO_REG_READ/WRITE redirected to an emulation of the STM32 RNG and the RCC bits the
 * natives touch, at the board's real addresses (board_config.h). It prints key=value lines: what init
 * enabled, the bytes a fill produced, and the status of each failure the emulation injects.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "sni.h"
#include "board_config.h"

jint Java_candado_board_NativeRandom_rngInit(void);
jint Java_candado_board_NativeRandom_rngFill(jbyte *buffer, jint offset, jint length);

enum mode { WORDS, REPEAT, CLOCK_ERROR, SEED_ONCE, SEED_ALWAYS, NEVER_READY };

static enum mode mode;
static uint32_t rcc_rng_enr, rcc_cr, rng_cr, counter, restarts;
static int seed_pending;

static uint32_t rng_sr(void)
{
    if ((rcc_rng_enr & (1u << CANDADO_RCC_RNG_EN_BIT)) == 0u || (rng_cr & (1u << 2)) == 0u || mode == NEVER_READY) {
        return 0u;
    }
    if (mode == CLOCK_ERROR) {
        return 1u << 1;
    }
    if (seed_pending) {
        return (1u << 2) | (1u << 6);
    }
    return 1u;
}

uint32_t candado_fake_read(uintptr_t addr)
{
    if (addr == CANDADO_RCC_RNG_ENR) {
        return rcc_rng_enr;
    }
#ifdef CANDADO_RCC_HSI48_CR
    if (addr == CANDADO_RCC_HSI48_CR) {
        /* Ready as soon as it is switched on. */
        return (rcc_cr & (1u << CANDADO_HSI48_ON_BIT)) ? rcc_cr | (1u << CANDADO_HSI48_RDY_BIT) : rcc_cr;
    }
#endif
    if (addr == CANDADO_RNG_BASE + 0x00u) {
        return rng_cr;
    }
    if (addr == CANDADO_RNG_BASE + 0x04u) {
        return rng_sr();
    }
    if (addr == CANDADO_RNG_BASE + 0x08u) {
        return mode == REPEAT ? 0x12345678u : 0x9E3779B9u * ++counter;
    }
    printf("badRead=%lx\n", (unsigned long)addr);
    return 0u;
}

void candado_fake_write(uintptr_t addr, uint32_t value)
{
    if (addr == CANDADO_RCC_RNG_ENR) {
        rcc_rng_enr = value;
#ifdef CANDADO_RCC_HSI48_CR
    } else if (addr == CANDADO_RCC_HSI48_CR) {
        rcc_cr = value;
#endif
    } else if (addr == CANDADO_RNG_BASE + 0x00u) {
        if ((rng_cr & (1u << 2)) == 0u && (value & (1u << 2)) != 0u) {
            restarts++;
            if (mode == SEED_ONCE) {
                seed_pending = 0; /* a restart after a seed error clears it once */
            }
        }
        rng_cr = value;
    } else if (addr == CANDADO_RNG_BASE + 0x04u) {
        /* SR: only SEIS/CEIS are writable (cleared by writing 0); nothing else to model. */
    } else {
        printf("badWrite=%lx\n", (unsigned long)addr);
    }
}

static void reset(enum mode m)
{
    mode = m;
    rcc_rng_enr = rcc_cr = rng_cr = counter = restarts = 0u;
    rng_cr = 1u << 5; /* CED set: init must clear it (clock error detection on) */
    seed_pending = 0;
}

int main(void)
{
    jbyte buf[12];
    int i;
    jint st;

    reset(WORDS);
    st = Java_candado_board_NativeRandom_rngInit();
    printf("init=%d\n", (int)st);
    printf("rccRng=%d\n", (rcc_rng_enr >> CANDADO_RCC_RNG_EN_BIT) & 1u ? 1 : 0);
#ifdef CANDADO_RCC_HSI48_CR
    printf("hsi48=%d\n", (rcc_cr >> CANDADO_HSI48_ON_BIT) & 1u ? 1 : 0);
#else
    printf("hsi48=none\n");
#endif
    printf("rngen=%d\nced=%d\n", (rng_cr >> 2) & 1u ? 1 : 0, (rng_cr >> 5) & 1u ? 1 : 0);
    printf("wordsAtInit=%u\n", (unsigned)counter);
    memset(buf, 0xAA, sizeof buf);
    st = Java_candado_board_NativeRandom_rngFill(buf, 2, 7);
    printf("fill=%d\nbytes=", (int)st);
    for (i = 0; i < (int)sizeof buf; i++) {
        printf("%02x", (unsigned)(uint8_t)buf[i]);
    }
    printf("\n");

    reset(REPEAT);
    Java_candado_board_NativeRandom_rngInit();
    printf("repeat=%d\n", (int)Java_candado_board_NativeRandom_rngFill(buf, 0, 4));

    reset(CLOCK_ERROR);
    printf("clock=%d\n", (int)Java_candado_board_NativeRandom_rngInit());

    reset(WORDS);
    Java_candado_board_NativeRandom_rngInit();
    mode = SEED_ONCE;
    seed_pending = 1;
    restarts = 0;
    printf("seedOnce=%d\n", (int)Java_candado_board_NativeRandom_rngFill(buf, 0, 4));
    printf("seedOnceRestarts=%u\n", (unsigned)restarts);

    reset(WORDS);
    Java_candado_board_NativeRandom_rngInit();
    mode = SEED_ALWAYS;
    seed_pending = 1;
    printf("seedAlways=%d\n", (int)Java_candado_board_NativeRandom_rngFill(buf, 0, 4));

    reset(NEVER_READY);
    printf("never=%d\n", (int)Java_candado_board_NativeRandom_rngInit());
    return 0;
}
