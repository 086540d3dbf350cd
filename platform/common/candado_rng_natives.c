/*
 * SNI natives of candado.board.NativeRandom: the STM32 RNG peripheral (a true random number generator:
 * analog noise sources + conditioning), shared by both boards. Register-level like the GPIO natives: the
 * board's board_config.h gives the RNG and RCC addresses from the reference manual (RM0468 for the
 * STM32H723, RM0410 for the STM32F769). Register layout and bits are the same on both families:
 *   RNG_CR 0x00: RNGEN bit 2, IE bit 3, CED bit 5 (0 = clock error detection on)
 *   RNG_SR 0x04: DRDY bit 0, CECS bit 1, SECS bit 2, CEIS bit 5, SEIS bit 6
 *   RNG_DR 0x08: one 32-bit random word each time DRDY is set
 * Every wait is bounded (SNI natives run on the Core Engine's thread and must not hang). FIPS 140-2's
 * continuous test is applied: the first word after enabling is only kept for comparison, and a word
 * equal to the previous one is a failure. Nothing here has run on hardware.
 */
#include <stdint.h>
#include "sni.h"
#include "board_config.h"

#define RNG_CR 0x00u
#define RNG_SR 0x04u
#define RNG_DR 0x08u
#define CR_RNGEN (1u << 2)
#define CR_CED (1u << 5)
#define SR_DRDY (1u << 0)
#define SR_CECS (1u << 1)
#define SR_SECS (1u << 2)
#define SR_SEIS (1u << 6)

/* Status codes: the same values as candado.board.NativeRandom's constants. */
#define RNG_OK 0
#define RNG_TIMEOUT (-1)
#define RNG_SEED_ERROR (-2)
#define RNG_CLOCK_ERROR (-3)
#define RNG_REPEATED_WORD (-4)

/* A word needs ~40 RNG clock periods (48 MHz: < 1 us); this many status reads is orders of magnitude more. */
#define READY_POLLS 200000u
#define SEED_RETRIES 3

/* Register access; the host test replaces it with an emulation of the peripheral. */
#ifndef CANDADO_REG_READ
#define CANDADO_REG_READ(addr) (*(volatile uint32_t *)(uintptr_t)(addr))
#define CANDADO_REG_WRITE(addr, value) (*(volatile uint32_t *)(uintptr_t)(addr) = (value))
#endif

static uint32_t last_word;

static uint32_t rng_read(uint32_t offset)
{
    return CANDADO_REG_READ(CANDADO_RNG_BASE + offset);
}

static void rng_write(uint32_t offset, uint32_t value)
{
    CANDADO_REG_WRITE(CANDADO_RNG_BASE + offset, value);
}

/* Seed error: clear SEIS, restart the generator; the word in RNG_DR is discarded (RM0410 RNG chapter). */
static void recover_seed_error(void)
{
    rng_write(RNG_SR, rng_read(RNG_SR) & ~SR_SEIS);
    rng_write(RNG_CR, rng_read(RNG_CR) & ~CR_RNGEN);
    rng_write(RNG_CR, rng_read(RNG_CR) | CR_RNGEN);
}

/* Next word from the generator, without the continuous test. */
static jint next_raw(uint32_t *word)
{
    int attempt;
    for (attempt = 0; attempt <= SEED_RETRIES; attempt++) {
        uint32_t polls;
        for (polls = 0; polls < READY_POLLS; polls++) {
            uint32_t sr = rng_read(RNG_SR);
            if (sr & SR_CECS) {
                return RNG_CLOCK_ERROR;
            }
            if (sr & SR_SECS) {
                break;
            }
            if (sr & SR_DRDY) {
                *word = rng_read(RNG_DR);
                return RNG_OK;
            }
        }
        if (polls == READY_POLLS) {
            return RNG_TIMEOUT;
        }
        recover_seed_error();
    }
    return RNG_SEED_ERROR;
}

/* Next word that passed the continuous test. */
static jint next_word(uint32_t *word)
{
    jint status = next_raw(word);
    if (status != RNG_OK) {
        return status;
    }
    if (*word == last_word) {
        return RNG_REPEATED_WORD;
    }
    last_word = *word;
    return RNG_OK;
}

jint Java_candado_board_NativeRandom_rngInit(void)
{
    uint32_t word;
    jint status;
#ifdef CANDADO_RCC_HSI48_CR
    /* STM32H7: the RNG kernel clock is HSI48 after reset (RNGSEL = 00 in RCC_D2CCIP2R): switch it on. */
    uint32_t polls;
    CANDADO_REG_WRITE(CANDADO_RCC_HSI48_CR, CANDADO_REG_READ(CANDADO_RCC_HSI48_CR) | (1u << CANDADO_HSI48_ON_BIT));
    for (polls = 0; (CANDADO_REG_READ(CANDADO_RCC_HSI48_CR) & (1u << CANDADO_HSI48_RDY_BIT)) == 0u; polls++) {
        if (polls == READY_POLLS) {
            return RNG_TIMEOUT;
        }
    }
#endif
    /* STM32F7: the RNG kernel clock is PLL48CLK, which the VEE Port's clock setup must provide (48 MHz). */
    CANDADO_REG_WRITE(CANDADO_RCC_RNG_ENR, CANDADO_REG_READ(CANDADO_RCC_RNG_ENR) | (1u << CANDADO_RCC_RNG_EN_BIT));
    (void)CANDADO_REG_READ(CANDADO_RCC_RNG_ENR); /* the clock runs a few cycles after the write */
    rng_write(RNG_CR, rng_read(RNG_CR) & ~(CR_RNGEN | CR_CED)); /* CED may only change while disabled */
    rng_write(RNG_CR, rng_read(RNG_CR) | CR_RNGEN);
    /* Continuous test: the first word is kept for comparison, never handed out. */
    status = next_raw(&word);
    if (status == RNG_OK) {
        last_word = word;
    }
    return status;
}

jint Java_candado_board_NativeRandom_rngFill(jbyte *buffer, jint offset, jint length)
{
    jint i = 0;
    while (i < length) {
        uint32_t word;
        int b;
        jint status = next_word(&word);
        if (status != RNG_OK) {
            return status;
        }
        for (b = 0; b < 4 && i < length; b++, i++) {
            buffer[offset + i] = (jbyte)(word >> (8 * b));
        }
    }
    return RNG_OK;
}
