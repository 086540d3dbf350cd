/*
 * SNI natives of candado.board.NativeWatchdog: the STM32 independent watchdog (IWDG), shared by both
 * boards (the register block is the same on the F7 and the H7; board_config.h gives its address:
 * RM0410 for the STM32F769, RM0468 for the STM32H723, where it is IWDG1). Once started it cannot be
 * stopped: the board resets unless the counter is reloaded before it reaches 0.
 *   IWDG_KR  0x00: 0xCCCC start, 0xAAAA reload the counter, 0x5555 unlock PR/RLR
 *   IWDG_PR  0x04: prescaler 0..7 = /4 .. /256 of the LSI
 *   IWDG_RLR 0x08: reload value 0..0xFFF
 *   IWDG_SR  0x0C: PVU bit 0, RVU bit 1 (an update of PR/RLR is still in progress)
 * Timeout = 4 * 2^PR * (RLR + 1) / f_LSI; the Java side computes PR and RLR. Every wait is bounded.
 * Nothing here has run on hardware.
 */
#include <stdint.h>
#include "sni.h"
#include "board_config.h"

#define IWDG_KR 0x00u
#define IWDG_PR 0x04u
#define IWDG_RLR 0x08u
#define IWDG_SR 0x0Cu
#define KEY_START 0xCCCCu
#define KEY_RELOAD 0xAAAAu
#define KEY_UNLOCK 0x5555u
#define SR_BUSY 0x3u

/* Status codes: the same values as candado.board.NativeWatchdog's constants. */
#define WDG_OK 0
#define WDG_BAD_ARGUMENT (-1)
#define WDG_UPDATE_TIMEOUT (-2)

/* PR/RLR updates take up to 5 LSI periods (~160 us at 32 kHz): this many status reads is far more. */
#define UPDATE_POLLS 1000000u

#ifndef CANDADO_REG_READ
#define CANDADO_REG_READ(addr) (*(volatile uint32_t *)(uintptr_t)(addr))
#define CANDADO_REG_WRITE(addr, value) (*(volatile uint32_t *)(uintptr_t)(addr) = (value))
#endif

static void iwdg_write(uint32_t offset, uint32_t value)
{
    CANDADO_REG_WRITE(CANDADO_IWDG_BASE + offset, value);
}

/* Starts the watchdog with prescaler code pr (0..7) and reload value rlr (0..0xFFF), then reloads it. */
jint Java_candado_board_NativeWatchdog_iwdgStart(jint pr, jint rlr)
{
    uint32_t polls;
    if (pr < 0 || pr > 7 || rlr < 0 || rlr > 0xFFF) {
        return WDG_BAD_ARGUMENT;
    }
    iwdg_write(IWDG_KR, KEY_START); /* also starts the LSI */
    iwdg_write(IWDG_KR, KEY_UNLOCK);
    iwdg_write(IWDG_PR, (uint32_t)pr);
    iwdg_write(IWDG_RLR, (uint32_t)rlr);
    for (polls = 0; polls < UPDATE_POLLS; polls++) {
        if ((CANDADO_REG_READ(CANDADO_IWDG_BASE + IWDG_SR) & SR_BUSY) == 0u) {
            iwdg_write(IWDG_KR, KEY_RELOAD);
            return WDG_OK;
        }
    }
    /* Running with the old (reset) values, ~0.5 s at most: the caller reports it. */
    iwdg_write(IWDG_KR, KEY_RELOAD);
    return WDG_UPDATE_TIMEOUT;
}

/* Reloads the counter: the board lives another timeout. */
void Java_candado_board_NativeWatchdog_iwdgRefresh(void)
{
    iwdg_write(IWDG_KR, KEY_RELOAD);
}
