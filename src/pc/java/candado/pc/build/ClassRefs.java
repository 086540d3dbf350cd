package candado.pc.build;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The references one class file makes, read from its constant pool and member descriptors. */
final class ClassRefs {
    int major;
    int access;
    String thisClass;
    boolean usesInvokeDynamic;
    final Set<String> types = new TreeSet<>();
    final Set<String> methodRefs = new TreeSet<>();
    /** Field and method references with their descriptors ({@code owner.name(desc)} / {@code owner.name:desc}). */
    final Set<String> memberRefs = new TreeSet<>();
    // Kept for the reachability analysis (FirmwareClosure): hierarchy, methods and the constant pool.
    String superName;
    final List<String> interfaces = new ArrayList<>();
    final List<Method> methods = new ArrayList<>();
    /** Declared fields (for the platform limits): access flags and descriptor. */
    final List<Method> fields = new ArrayList<>();
    int[] tags;
    String[] utf;
    int[] a;
    int[] b;

    /** A method (or a field: name and descriptor only): access flags, name, descriptor, its bytecode (null if
     *  abstract/native), catch types. */
    static final class Method {
        int access;
        String name;
        String desc;
        byte[] code;
        /** Entries of the exception table (finally blocks included), for the handler limit. */
        int handlers;
        final List<Integer> catchTypes = new ArrayList<>();
        /** Exception table rows {start, end, handler} (code offsets), for the closure's dead-branch folding. */
        final List<int[]> handlerRanges = new ArrayList<>();
    }

    /** The class name a CONSTANT_Class entry names. */
    String className(int cpIndex) {
        return utf[a[cpIndex]];
    }

    int tag(int cpIndex) {
        return tags[cpIndex];
    }

    /** The text of a CONSTANT_String entry, or null when the entry is not one. */
    String stringConstant(int cpIndex) {
        return tags[cpIndex] == 8 ? utf[a[cpIndex]] : null;
    }

    /** {owner, name, descriptor} of a field or method reference entry. */
    String[] memberRef(int cpIndex) {
        int nat = b[cpIndex];
        return new String[] {className(a[cpIndex]), utf[a[nat]], utf[b[nat]]};
    }

    static ClassRefs read(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        ClassRefs r = new ClassRefs();
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        r.major = in.readUnsignedShort();
        int count = in.readUnsignedShort();
        int[] tags = new int[count];
        String[] utf = new String[count];
        int[] a = new int[count];
        int[] b = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case 1: utf[i] = in.readUTF(); break;
                case 3: case 4: in.readInt(); break;
                case 5: case 6: in.readLong(); i++; break;
                case 7: case 8: case 16: case 19: case 20: a[i] = in.readUnsignedShort(); break;
                case 9: case 10: case 11: case 12: case 17: case 18:
                    a[i] = in.readUnsignedShort();
                    b[i] = in.readUnsignedShort();
                    break;
                case 15: in.readUnsignedByte(); a[i] = in.readUnsignedShort(); break;
                default: throw new IOException("bad constant pool tag " + tag + " at " + i);
            }
        }
        r.access = in.readUnsignedShort();
        r.thisClass = utf[a[in.readUnsignedShort()]];
        r.tags = tags;
        r.utf = utf;
        r.a = a;
        r.b = b;
        for (int i = 1; i < count; i++) {
            switch (tags[i]) {
                case 7: r.addClassName(utf[a[i]]); break;
                case 12: r.addDescriptor(utf[b[i]]); break;
                case 16: r.addDescriptor(utf[a[i]]); break;
                case 17: case 18: case 15: r.usesInvokeDynamic |= tags[i] != 15; break;
                case 10: case 11:
                    r.methodRefs.add(utf[a[a[i]]] + "." + utf[a[b[i]]]);
                    r.memberRefs.add(utf[a[a[i]]] + "." + utf[a[b[i]]] + utf[b[b[i]]]);
                    break;
                case 9:
                    r.memberRefs.add(utf[a[a[i]]] + "." + utf[a[b[i]]] + ":" + utf[b[b[i]]]);
                    break;
                default: break;
            }
        }
        int sup = in.readUnsignedShort(); // already a Class entry for the per-class check
        r.superName = sup == 0 ? null : utf[a[sup]];
        int interfaces = in.readUnsignedShort();
        for (int i = 0; i < interfaces; i++) {
            r.interfaces.add(utf[a[in.readUnsignedShort()]]);
        }
        for (int kind = 0; kind < 2; kind++) {
            int members = in.readUnsignedShort();
            for (int m = 0; m < members; m++) {
                Method method = new Method();
                method.access = in.readUnsignedShort();
                method.name = utf[in.readUnsignedShort()];
                method.desc = utf[in.readUnsignedShort()];
                r.addDescriptor(method.desc);
                int attrs = in.readUnsignedShort();
                for (int k = 0; k < attrs; k++) {
                    String attr = utf[in.readUnsignedShort()];
                    int len = in.readInt();
                    if (kind == 1 && attr.equals("Code")) {
                        in.readUnsignedShort(); // max_stack
                        in.readUnsignedShort(); // max_locals
                        method.code = new byte[in.readInt()];
                        in.readFully(method.code);
                        int handlers = in.readUnsignedShort();
                        method.handlers = handlers;
                        for (int h = 0; h < handlers; h++) {
                            int start = in.readUnsignedShort();
                            int end = in.readUnsignedShort();
                            method.handlerRanges.add(new int[] {start, end, in.readUnsignedShort()});
                            int catchType = in.readUnsignedShort();
                            if (catchType != 0) {
                                method.catchTypes.add(catchType);
                            }
                        }
                        int codeAttrs = in.readUnsignedShort();
                        for (int c = 0; c < codeAttrs; c++) {
                            in.readUnsignedShort();
                            in.skipBytes(in.readInt());
                        }
                    } else {
                        in.skipBytes(len);
                    }
                }
                (kind == 1 ? r.methods : r.fields).add(method);
            }
        }
        return r;
    }

    void addClassName(String name) {
        if (name.startsWith("[")) {
            addDescriptor(name);
        } else {
            types.add(name);
        }
    }

    void addDescriptor(String d) {
        int i = 0;
        while ((i = d.indexOf('L', i)) >= 0) {
            int end = d.indexOf(';', i);
            if (end < 0) {
                return;
            }
            // Only an 'L' that starts a type (after '(' '[' ')' ';' or at 0) opens a class name.
            char prev = i == 0 ? '(' : d.charAt(i - 1);
            if (prev == '(' || prev == '[' || prev == ')' || prev == ';' || isPrimitive(prev)) {
                types.add(d.substring(i + 1, end));
                i = end + 1;
            } else {
                i++;
            }
        }
    }

    private static boolean isPrimitive(char c) {
        return "BCDFIJSZV".indexOf(c) >= 0;
    }
}
