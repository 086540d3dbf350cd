package candado.pc.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.util.PublicKeyFactory;

import candado.tls.Pem;

/**
 * {@code ./candado pki init|server|client|psk|broker-config|show}: the seed article's openssl
 * steps done with Bouncy Castle. Everything goes to a workspace folder ({@code certs/} by default).
 */
public final class PkiCommand {

    static final String USAGE = """
            usage: candado pki COMMAND [options]
              init [--cn NAME] [--days N] [--rsa BITS]           new CA: ca.crt, ca.key
              server [--name server] [--cn NAME] [--dns a,b] [--ip x,y] [--days N] [--rsa BITS]
                                                                 broker certificate signed by the CA
              client ID [--days N] [--rsa BITS]                  device certificate ID.crt/ID.key (CN=ID)
              psk IDENTITY [--bits 128|256] [--file psk.txt]     add identity:hexkey to a Mosquitto psk_file
              broker-config [--plain-port 1883] [--tls-port 8883] [--mtls-port 8884] [--psk-port 8885]
                            [--bind ADDR (default 127.0.0.1)] [--tls-version tlsv1.2] [--name server] [--user-root] [--no-acl]
                                                                 write mosquitto.conf with one listener per mode, and
                                                                 acl.txt: mtls/psk devices only on devices/<identity>/#
              show FILE...                                       subject, issuer, SANs, validity, fingerprint
              verify --cafile ROOTS [--untrusted CHAIN] [--host NAME|--ip IP] [--at TIME] [--crlfile F] CERT
                                                                 the device's path validation: prints the path or
                                                                 the reason code; exit 0 valid, 1 refused
            common: --dir DIR (default certs)  --force (replace existing files)
            """;

    private PkiCommand() {
    }

    public static int run(String[] args) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            System.out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            Opts o = Opts.parse(args);
            if (o.command.equals("verify")) {
                return PkiVerify.run(o);
            }
            switch (o.command) {
                case "init" -> init(o);
                case "server" -> server(o);
                case "client" -> client(o);
                case "psk" -> psk(o);
                case "broker-config" -> brokerConfig(o);
                case "show" -> show(o);
                default -> throw new IllegalArgumentException("unknown pki command '" + o.command + "'\n" + USAGE);
            }
            return 0;
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("candado pki: " + e.getMessage());
            return 1;
        }
    }

    static void init(Opts o) throws IOException {
        long now = System.currentTimeMillis();
        Pki.Issued ca = Pki.createCa(o.get("cn", "Candado demo CA"), o.getInt("rsa", 0), now - Pki.DAY, now + o.getInt("days", 3650) * Pki.DAY);
        Pki.save(ca, o.dir, "ca", o.force);
        System.out.println("CA written: " + o.dir.resolve("ca.crt") + " (key " + o.dir.resolve("ca.key") + ", mode 600)");
    }

    static void server(Opts o) throws IOException {
        Pki.Issued ca = Pki.load(o.dir, "ca");
        long now = System.currentTimeMillis();
        String cn = o.get("cn", "localhost");
        List<String> dns = o.list("dns", cn.contains(".") && !cn.matches("[0-9.]+") || cn.equals("localhost") ? cn : "localhost");
        List<String> ips = o.list("ip", "127.0.0.1,::1");
        String name = o.get("name", "server");
        Pki.Issued s = Pki.issueServer(ca, cn, dns, ips, o.getInt("rsa", 0), now - Pki.DAY, now + o.getInt("days", 825) * Pki.DAY);
        Pki.save(s, o.dir, name, o.force);
        System.out.println("broker certificate written: " + o.dir.resolve(name + ".crt") + " DNS " + dns + " IP " + ips);
    }

    static void client(Opts o) throws IOException {
        if (o.positional.isEmpty()) {
            throw new IllegalArgumentException("pki client needs a device id, e.g. `candado pki client device-01`");
        }
        String id = o.positional.get(0);
        Pki.Issued ca = Pki.load(o.dir, "ca");
        long now = System.currentTimeMillis();
        Pki.Issued c = Pki.issueClient(ca, id, o.getInt("rsa", 0), now - Pki.DAY, now + o.getInt("days", 825) * Pki.DAY);
        Pki.save(c, o.dir, id, o.force);
        System.out.println("device certificate written: " + o.dir.resolve(id + ".crt") + " (CN=" + id + ")");
    }

    static void psk(Opts o) throws IOException {
        if (o.positional.isEmpty()) {
            throw new IllegalArgumentException("pki psk needs an identity, e.g. `candado pki psk device-01`");
        }
        String id = o.positional.get(0);
        Path file = o.dir.resolve(o.get("file", "psk.txt"));
        String hex = Pki.addPsk(file, id, o.getInt("bits", 128), o.force);
        System.out.println("PSK for identity '" + id + "' added to " + file + " (mode 600)");
        System.out.println("device: ./candado pub --psk-identity " + id + " --psk $(grep '^" + id + ":' " + file + " | cut -d: -f2) ...");
        if (o.has("print")) {
            System.out.println(hex);
        }
    }

    static void brokerConfig(Opts o) throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("plain", o.getInt("plain-port", 1883));
        ports.put("tls", o.getInt("tls-port", 8883));
        ports.put("mtls", o.getInt("mtls-port", 8884));
        ports.put("psk", o.getInt("psk-port", 8885));
        String acl = o.has("no-acl") ? null : BrokerConfig.ACL_FILE;
        String text = BrokerConfig.render(o.dir, o.get("name", "server"), o.get("file", "psk.txt"), o.get("tls-version", "tlsv1.2"),
                ports, o.get("bind", null), o.has("user-root"), acl);
        Path out = o.dir.resolve(o.get("out", "mosquitto.conf"));
        if (acl != null) {
            Pki.writePublic(o.dir.resolve(acl), BrokerConfig.aclText(), o.force);
        }
        Pki.writePublic(out, text, o.force);
        System.out.println("broker config written: " + out);
        for (String w : BrokerConfig.missingFiles(o.dir, o.get("name", "server"), o.get("file", "psk.txt"))) {
            System.out.println(w);
        }
        System.out.println(BrokerConfig.runHint(out, o.get("name", "server"), o.get("file", "psk.txt"), o.has("user-root"),
                BrokerConfig.runningAsRoot()));
    }

    static void show(Opts o) throws IOException {
        if (o.positional.isEmpty()) {
            throw new IllegalArgumentException("pki show needs a certificate file");
        }
        for (String f : o.positional) {
            for (org.bouncycastle.asn1.x509.Certificate c : Pem.certificates(Files.readString(Path.of(f)), f)) {
                X509CertificateHolder h = new X509CertificateHolder(c);
                System.out.println(f + ":");
                System.out.println("  subject:     " + h.getSubject());
                System.out.println("  issuer:      " + h.getIssuer());
                System.out.println("  valid:       " + h.getNotBefore().toInstant() + " .. " + h.getNotAfter().toInstant());
                System.out.println("  key:         " + Pki.describeKey(PublicKeyFactory.createKey(h.getSubjectPublicKeyInfo())));
                GeneralNames san = GeneralNames.fromExtensions(h.getExtensions(), Extension.subjectAlternativeName);
                if (san != null) {
                    List<String> names = new ArrayList<>();
                    for (GeneralName n : san.getNames()) {
                        names.add(n.getTagNo() == GeneralName.dNSName ? "DNS:" + n.getName()
                                : n.getTagNo() == GeneralName.iPAddress ? "IP:" + ip(n) : n.toString());
                    }
                    System.out.println("  altNames:    " + String.join(", ", names));
                }
                org.bouncycastle.asn1.x509.BasicConstraints bc = org.bouncycastle.asn1.x509.BasicConstraints.fromExtensions(h.getExtensions());
                System.out.println("  CA:          " + (bc != null && bc.isCA()));
                org.bouncycastle.asn1.x509.ExtendedKeyUsage eku = org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(h.getExtensions());
                if (eku != null) {
                    List<String> u = new ArrayList<>();
                    for (org.bouncycastle.asn1.x509.KeyPurposeId k : eku.getUsages()) {
                        u.add(k.equals(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_serverAuth) ? "serverAuth"
                                : k.equals(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_clientAuth) ? "clientAuth" : k.getId());
                    }
                    System.out.println("  usage:       " + String.join(", ", u));
                }
                System.out.println("  SHA-256:     " + Pki.fingerprint(h));
            }
        }
    }

    private static String ip(GeneralName n) {
        byte[] a = org.bouncycastle.asn1.ASN1OctetString.getInstance(n.getName()).getOctets();
        try {
            return java.net.InetAddress.getByAddress(a).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return "?";
        }
    }

    /** --key value options, --flag switches and positional words. */
    static final class Opts {
        String command;
        Path dir = Path.of("certs");
        boolean force;
        final Map<String, String> values = new LinkedHashMap<>();
        final List<String> positional = new ArrayList<>();

        static Opts parse(String[] args) {
            Opts o = new Opts();
            candado.pc.cli.ArgParser p = new candado.pc.cli.ArgParser(args);
            o.command = p.next();
            while (p.hasNext()) {
                String a = p.next();
                if (a.equals("--force")) {
                    o.force = true;
                } else if (a.equals("--user-root") || a.equals("--print") || a.equals("--no-acl")) {
                    o.values.put(a.substring(2), "true");
                } else if (a.startsWith("--")) {
                    try {
                        o.values.put(a.substring(2), p.value(a));
                    } catch (candado.pc.cli.UsageException e) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                } else {
                    o.positional.add(a);
                }
            }
            if (o.values.containsKey("dir")) {
                o.dir = Path.of(o.values.remove("dir"));
            }
            return o;
        }

        String get(String k, String def) {
            return values.getOrDefault(k, def);
        }

        boolean has(String k) {
            return values.containsKey(k);
        }

        int getInt(String k, int def) {
            String v = values.get(k);
            if (v == null) {
                return def;
            }
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + k + " needs a number, not '" + v + "'");
            }
        }

        List<String> list(String k, String def) {
            String v = values.getOrDefault(k, def);
            List<String> out = new ArrayList<>();
            if (v != null) {
                for (String s : v.split(",")) {
                    if (!s.isBlank()) {
                        out.add(s.trim());
                    }
                }
            }
            return out;
        }
    }
}
