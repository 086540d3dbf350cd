package candado.pc.build;

/** Operands and instruction lengths of JVM bytecode (JVMS chapter 6), for the walks over a method's code. */
final class Bytecode {

    private Bytecode() {
    }

    static int u2(byte[] code, int at) {
        return ((code[at] & 0xFF) << 8) | (code[at + 1] & 0xFF);
    }

    static int s4(byte[] code, int at) {
        return ((code[at] & 0xFF) << 24) | ((code[at + 1] & 0xFF) << 16) | ((code[at + 2] & 0xFF) << 8) | (code[at + 3] & 0xFF);
    }

    /** Length of the instruction at {@code pc} (JVMS chapter 6). */
    static int length(byte[] code, int pc) {
        int op = code[pc] & 0xFF;
        if (op == 0xAA || op == 0xAB) { // tableswitch, lookupswitch: padded to 4 bytes from the code start
            int p = (pc + 4) & ~3;
            if (op == 0xAA) {
                int low = s4(code, p + 4);
                int high = s4(code, p + 8);
                return p - pc + 12 + 4 * (high - low + 1);
            }
            return p - pc + 8 + 8 * s4(code, p + 4);
        }
        if (op == 0xC4) { // wide
            return (code[pc + 1] & 0xFF) == 0x84 ? 6 : 4;
        }
        if (op == 0x10 || op == 0x12 || (op >= 0x15 && op <= 0x19) || (op >= 0x36 && op <= 0x3A) || op == 0xA9
                || op == 0xBC) {
            return 2;
        }
        if (op == 0x11 || op == 0x13 || op == 0x14 || op == 0x84 || (op >= 0x99 && op <= 0xA8)
                || (op >= 0xB2 && op <= 0xB8) || op == 0xBB || op == 0xBD || op == 0xC0 || op == 0xC1
                || op == 0xC6 || op == 0xC7) {
            return 3;
        }
        if (op == 0xC5) {
            return 4;
        }
        if (op == 0xB9 || op == 0xBA || op == 0xC8 || op == 0xC9) {
            return 5;
        }
        return 1;
    }}
