/*
 * Host-side probe of platform/common/candado_watchdog_natives.c (run by candado.board.WatchdogTest).
 * Register accesses go to an emulation of the IWDG at the board's address (board_config.h): it logs
 * every write in order, keeps PR and RLR, and reports "busy" in IWDG_SR for a number of reads.
 * Prints key=value lines.
 */
#include <stdint.h>
#include <stdio.h>
#include "sni.h"
#include "board_config.h"

jint Java_candado_board_NativeWatchdog_iwdgStart(jint pr, jint rlr);
void Java_candado_board_NativeWatchdog_iwdgRefresh(void);

static uint32_t pr, rlr, busy_reads;
static int unlocked;
static char trace[512];
static int trace_len;

static void note(const char *what, uint32_t v)
{
    trace_len += snprintf(trace + trace_len, sizeof trace - (size_t)trace_len, "%s%s:%x", trace_len ? "," : "", what, (unsigned)v);
}

uint32_t candado_fake_read(uintptr_t addr)
{
    if (addr == CANDADO_IWDG_BASE + 0x0Cu) {
        if (busy_reads > 0u) {
            busy_reads--;
            return 0x3u;
        }
        return 0u;
    }
    printf("badRead=%lx\n", (unsigned long)addr);
    return 0u;
}

void candado_fake_write(uintptr_t addr, uint32_t value)
{
    if (addr == CANDADO_IWDG_BASE + 0x00u) {
        note("KR", value);
        unlocked = value == 0x5555u ? 1 : (value == 0xAAAAu ? 0 : unlocked);
    } else if (addr == CANDADO_IWDG_BASE + 0x04u) {
        note("PR", value);
        if (!unlocked) {
            printf("lockedWrite=PR\n");
        }
        pr = value;
    } else if (addr == CANDADO_IWDG_BASE + 0x08u) {
        note("RLR", value);
        if (!unlocked) {
            printf("lockedWrite=RLR\n");
        }
        rlr = value;
    } else {
        printf("badWrite=%lx\n", (unsigned long)addr);
    }
}

static void reset(uint32_t busy)
{
    pr = rlr = 0u;
    unlocked = 0;
    busy_reads = busy;
    trace_len = 0;
    trace[0] = '\0';
}

int main(void)
{
    jint st;

    reset(3u);
    st = Java_candado_board_NativeWatchdog_iwdgStart(1, 3999);
    printf("start=%d\nstartTrace=%s\npr=%u\nrlr=%u\n", (int)st, trace, (unsigned)pr, (unsigned)rlr);

    reset(0u);
    Java_candado_board_NativeWatchdog_iwdgRefresh();
    printf("refreshTrace=%s\n", trace);

    reset(0u);
    printf("badPr=%d\n", (int)Java_candado_board_NativeWatchdog_iwdgStart(8, 1));
    printf("badRlr=%d\n", (int)Java_candado_board_NativeWatchdog_iwdgStart(0, 0x1000));
    printf("badTrace=%s\n", trace);

    reset(0xFFFFFFFFu);
    printf("stuck=%d\n", (int)Java_candado_board_NativeWatchdog_iwdgStart(6, 0xFFF));
    printf("base=%lx\n", (unsigned long)CANDADO_IWDG_BASE);
    return 0;
}
