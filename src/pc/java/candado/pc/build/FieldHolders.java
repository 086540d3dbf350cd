package candado.pc.build;

import static candado.pc.build.BouncyCastleForMicroEj.API;
import static candado.pc.build.BouncyCastleForMicroEj.HOLDER_FIELD;
import static candado.pc.build.BouncyCastleForMicroEj.HOLDER_SUFFIX;

import java.util.Map;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The holder classes ({@code Owner$MicroEjFields}) that take the reference fields {@link BouncyCastleForMicroEj}
 * moves out of a class over MicroEJ's limit, and the rewrite that sends every access of a moved field through them.
 */
final class FieldHolders {

    private FieldHolders() {
    }

    /** {@code Owner$MicroEjFields}: a public final class with the moved fields, package access made public;
     *  {@code version}: the owner's class-file version. */
    static byte[] holder(String owner, int version, Map<String, String> fields) {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        w.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC,
                owner + HOLDER_SUFFIX, null, "java/lang/Object", null);
        for (Map.Entry<String, String> f : fields.entrySet()) {
            w.visitField(Opcodes.ACC_PUBLIC, f.getKey(), f.getValue(), null, null).visitEnd();
        }
        MethodVisitor init = w.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        w.visitEnd();
        return w.toByteArray();
    }

    /**
     * Sends accesses of moved fields through the holder; in an owner, drops the moved fields, adds the
     * holder field and creates the holder right after each constructor's super(...) call.
     */
    static final class Redirect extends ClassVisitor {
        private final BouncyCastleForMicroEj plan;
        private final Map<String, String> ownFields;
        private String self;
        private String superName;

        /** {@code ownFields}: the fields moved out of the class being rewritten, null if none. */
        Redirect(ClassVisitor next, BouncyCastleForMicroEj plan, Map<String, String> ownFields) {
            super(API, next);
            this.plan = plan;
            this.ownFields = ownFields;
        }

        @Override
        public void visit(int version, int access, String name, String sig, String superName, String[] interfaces) {
            this.self = name;
            this.superName = superName;
            super.visit(version, access, name, sig, superName, interfaces);
            if (ownFields != null) {
                super.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC, HOLDER_FIELD,
                        "L" + name + HOLDER_SUFFIX + ";", null, null).visitEnd();
            }
        }

        @Override
        public FieldVisitor visitField(int access, String name, String desc, String sig, Object value) {
            if (ownFields != null && ownFields.containsKey(name)) {
                return null;
            }
            return super.visitField(access, name, desc, sig, value);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
            MethodVisitor mv = super.visitMethod(access, name, desc, sig, exceptions);
            boolean constructor = ownFields != null && name.equals("<init>");
            return new MethodVisitor(API, mv) {
                /** NEWs of our own or the super type not yet constructed: their <init> is not super(...). */
                private int pendingNews;
                private boolean initialised = !constructor;

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    if (opcode == Opcodes.NEW && (type.equals(self) || type.equals(superName))) {
                        pendingNews++;
                    }
                    super.visitTypeInsn(opcode, type);
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String mname, String mdesc, boolean itf) {
                    super.visitMethodInsn(opcode, owner, mname, mdesc, itf);
                    if (!initialised && opcode == Opcodes.INVOKESPECIAL && mname.equals("<init>")
                            && (owner.equals(self) || owner.equals(superName))) {
                        if (pendingNews > 0) {
                            pendingNews--;
                        } else {
                            initialised = true;
                            if (owner.equals(superName)) { // this(...) already created the holder
                                String holder = self + HOLDER_SUFFIX;
                                super.visitVarInsn(Opcodes.ALOAD, 0);
                                super.visitTypeInsn(Opcodes.NEW, holder);
                                super.visitInsn(Opcodes.DUP);
                                super.visitMethodInsn(Opcodes.INVOKESPECIAL, holder, "<init>", "()V", false);
                                super.visitFieldInsn(Opcodes.PUTFIELD, self, HOLDER_FIELD, "L" + holder + ";");
                            }
                        }
                    }
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String fname, String fdesc) {
                    String declaring = opcode == Opcodes.GETFIELD || opcode == Opcodes.PUTFIELD ? plan.declaring(owner, fname) : null;
                    Map<String, String> m = declaring == null ? null : plan.moved.get(declaring);
                    if (m == null || !m.containsKey(fname)) {
                        super.visitFieldInsn(opcode, owner, fname, fdesc);
                        return;
                    }
                    String holder = declaring + HOLDER_SUFFIX;
                    if (opcode == Opcodes.GETFIELD) { // obj -> obj.holder.f
                        super.visitFieldInsn(Opcodes.GETFIELD, declaring, HOLDER_FIELD, "L" + holder + ";");
                        super.visitFieldInsn(Opcodes.GETFIELD, holder, fname, fdesc);
                    } else { // obj, value -> obj.holder, value (a reference: one slot)
                        super.visitInsn(Opcodes.SWAP);
                        super.visitFieldInsn(Opcodes.GETFIELD, declaring, HOLDER_FIELD, "L" + holder + ";");
                        super.visitInsn(Opcodes.SWAP);
                        super.visitFieldInsn(Opcodes.PUTFIELD, holder, fname, fdesc);
                    }
                }
            };
        }
    }
}
