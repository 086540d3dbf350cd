package candado.pc.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * MicroEJ BON constants as SOAR sees them at link time, for the closure: the values of the board's
 * {@code *.constants.list} files, and the live instructions of a method once every
 * {@code if (ej.bon.Constants.getBoolean("name"))} is folded (MicroEJ docs ApplicationDeveloperGuide/classpath.rst,
 * "Constants": SOAR inlines the constant and removes the dead branch; the key must be a literal or a
 * {@code static final String}, and the call must be in the {@code if} condition itself). Only methods that
 * call {@code getBoolean} are analysed (ours: Bouncy Castle never calls BON).
 */
public final class BonConstants {

    /** The PC port's own lists, copied into the same classes folder but not part of a board build. */
    static final List<String> PC_LISTS = List.of("candado-pc.constants.list");

    private static final String OWNER = "ej/bon/Constants";

    private BonConstants() {
    }

    /** Boolean values of the {@code *.constants.list} files at the top of {@code classesDir}, PC lists excepted. */
    public static Map<String, Boolean> board(Path classesDir) {
        Map<String, Boolean> out = new TreeMap<>();
        if (!Files.isDirectory(classesDir)) {
            return out;
        }
        try (DirectoryStream<Path> lists = Files.newDirectoryStream(classesDir, "*.constants.list")) {
            for (Path f : lists) {
                if (PC_LISTS.contains(f.getFileName().toString())) {
                    continue;
                }
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(f)) {
                    p.load(in);
                }
                for (String k : p.stringPropertyNames()) {
                    out.put(k, Boolean.parseBoolean(p.getProperty(k).trim()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The instructions of {@code m} still reachable with the constants folded (index = code offset), or null
     * when the method tests no constant (everything live). Uses SOAR would reject go to {@code problem}.
     */
    static boolean[] liveCode(ClassRefs r, ClassRefs.Method m, Map<String, Boolean> constants,
            Consumer<String> problem) {
        byte[] code = m.code;
        // Folded branches: offset of the ifeq/ifne → 1 taken, 0 never taken.
        Map<Integer, Integer> folded = new TreeMap<>();
        int previous = -1;
        String key = null;
        for (int pc = 0; pc < code.length; pc += Bytecode.length(code, pc)) {
            int op = code[pc] & 0xFF;
            if (op == 0xB8 && isGetBoolean(r, Bytecode.u2(code, pc + 1))) {
                key = literal(r, code, previous);
                if (key == null) {
                    problem.accept("ej.bon.Constants.getBoolean called with a key that is not a String literal or a "
                            + "static final String: SOAR cannot resolve it");
                } else if (!constants.containsKey(key)) {
                    problem.accept("BON constant '" + key + "' is declared in no *.constants.list of the board build "
                            + "(resources/): SOAR cannot resolve it");
                    key = null;
                }
                int next = pc + 3;
                if (key != null && next < code.length && ((code[next] & 0xFF) == 0x99 || (code[next] & 0xFF) == 0x9A)) {
                    boolean value = constants.get(key);
                    boolean jumpsWhenTrue = (code[next] & 0xFF) == 0x9A; // ifne
                    folded.put(next, value == jumpsWhenTrue ? 1 : 0);
                }
            }
            previous = pc;
        }
        if (folded.isEmpty()) {
            return null;
        }
        boolean[] live = new boolean[code.length];
        Deque<Integer> todo = new ArrayDeque<>();
        todo.push(0);
        boolean grew = true;
        while (grew) {
            while (!todo.isEmpty()) {
                flow(code, todo.pop(), live, folded, todo);
            }
            grew = false;
            for (int[] h : m.handlerRanges) { // a handler is live when an instruction it covers is
                if (!live[h[2]] && covers(live, h[0], h[1])) {
                    todo.push(h[2]);
                    grew = true;
                }
            }
        }
        return live;
    }

    private static void flow(byte[] code, int start, boolean[] live, Map<Integer, Integer> folded, Deque<Integer> todo) {
        int pc = start;
        while (pc >= 0 && pc < code.length && !live[pc]) {
            live[pc] = true;
            int op = code[pc] & 0xFF;
            int len = Bytecode.length(code, pc);
            Integer fold = folded.get(pc);
            if (fold != null) {
                pc = fold == 1 ? pc + (short) Bytecode.u2(code, pc + 1) : pc + len;
                continue;
            }
            if ((op >= 0x99 && op <= 0xA6) || op == 0xC6 || op == 0xC7 || op == 0xA8) { // if*, jsr
                todo.push(pc + (short) Bytecode.u2(code, pc + 1));
            } else if (op == 0xA7) { // goto
                pc += (short) Bytecode.u2(code, pc + 1);
                continue;
            } else if (op == 0xC8) { // goto_w
                pc += Bytecode.s4(code, pc + 1);
                continue;
            } else if (op == 0xC9) { // jsr_w
                todo.push(pc + Bytecode.s4(code, pc + 1));
            } else if (op == 0xAA || op == 0xAB) { // tableswitch, lookupswitch
                int p = (pc + 4) & ~3;
                todo.push(pc + Bytecode.s4(code, p));
                if (op == 0xAA) {
                    int n = Bytecode.s4(code, p + 8) - Bytecode.s4(code, p + 4) + 1;
                    for (int i = 0; i < n; i++) {
                        todo.push(pc + Bytecode.s4(code, p + 12 + 4 * i));
                    }
                } else {
                    int n = Bytecode.s4(code, p + 4);
                    for (int i = 0; i < n; i++) {
                        todo.push(pc + Bytecode.s4(code, p + 12 + 8 * i));
                    }
                }
                return;
            } else if ((op >= 0xAC && op <= 0xB1) || op == 0xBF || op == 0xA9) { // returns, athrow, ret
                return;
            }
            pc += len;
        }
    }

    private static boolean covers(boolean[] live, int from, int to) {
        for (int i = from; i < to && i < live.length; i++) {
            if (live[i]) {
                return true;
            }
        }
        return false;
    }

    private static boolean isGetBoolean(ClassRefs r, int index) {
        String[] mr = r.memberRef(index);
        return mr[0].equals(OWNER) && mr[1].equals("getBoolean") && mr[2].equals("(Ljava/lang/String;)Z");
    }

    /** The String constant the instruction at {@code pc} pushes (ldc, ldc_w), or null. */
    private static String literal(ClassRefs r, byte[] code, int pc) {
        if (pc < 0) {
            return null;
        }
        int op = code[pc] & 0xFF;
        int index = op == 0x12 ? code[pc + 1] & 0xFF : op == 0x13 ? Bytecode.u2(code, pc + 1) : -1;
        return index > 0 ? r.stringConstant(index) : null;
    }
}
