#!/bin/sh
# Compiles the SNI natives (platform/common/*.c: board I/O, hardware RNG) for each board with Debian's
# arm-none-eabi-gcc (Cortex-M7, hard float) and prints their size. Objects go to $OUT (default
# target/natives/<board>/<name>.o).
# Usage: platform/build-natives.sh [board...]   (default: every platform/<board>/src/board_config.h)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${OUT:-$(cd "$here/.." && pwd)/target/natives}
CC=${CC:-arm-none-eabi-gcc}
SIZE=${SIZE:-arm-none-eabi-size}
CFLAGS="-mcpu=cortex-m7 -mthumb -mfloat-abi=hard -mfpu=fpv5-d16 -Os -std=c99 -Wall -Wextra -Werror -ffunction-sections -fdata-sections"

if ! command -v "$CC" >/dev/null 2>&1; then
    echo "build-natives: $CC not found (Debian: apt-get install -y gcc-arm-none-eabi)" >&2
    exit 127
fi

if [ $# -eq 0 ]; then
    set --
    for d in "$here"/*/src/board_config.h; do
        b=$(basename "$(dirname "$(dirname "$d")")")
        set -- "$@" "$b"
    done
fi

for board in "$@"; do
    src="$here/$board/src"
    [ -f "$src/board_config.h" ] || { echo "build-natives: no $src/board_config.h" >&2; exit 2; }
    mkdir -p "$out/$board"
    echo "== $board"
    for c in "$here"/common/*.c; do
        obj="$out/$board/$(basename "$c" .c).o"
        # shellcheck disable=SC2086
        $CC $CFLAGS -I"$src" -I"$here/common" -c "$c" -o "$obj"
    done
    $SIZE "$out/$board"/*.o
done
