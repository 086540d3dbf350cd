package candado.tls.pkix;

import java.io.IOException;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;

import candado.time.CivilTime;
import candado.tls.CertificateRejected;

/**
 * Certificate and CRL times (RFC 5280 4.1.2.5: UTCTime YYMMDDHHMMSSZ or GeneralizedTime
 * YYYYMMDDHHMMSSZ, always Zulu, always with seconds) to epoch milliseconds, without java.text
 * (absent on the board). Anything else is a malformed certificate.
 */
public final class DerTime {

    private DerTime() {
    }

    public static long millis(ASN1Encodable time, String who) throws CertificateRejected {
        byte[] enc;
        try {
            ASN1Primitive p = time.toASN1Primitive();
            enc = p.getEncoded();
        } catch (IOException e) {
            throw bad(who, "unreadable");
        } catch (RuntimeException e) {
            throw bad(who, "unreadable");
        }
        if (enc.length < 2 || enc[1] < 0 || enc[1] != enc.length - 2) {
            throw bad(who, "unreadable");
        }
        int len = enc.length - 2;
        boolean utc = enc[0] == 0x17;
        // GeneralizedTime may carry fractional seconds (X.680); RFC 5280 forbids them but they change nothing here.
        boolean fraction = enc[0] == 0x18 && len > 16 && enc[16] == '.';
        if (!(utc && len == 13 || enc[0] == 0x18 && (len == 15 || fraction)) || enc[enc.length - 1] != 'Z') {
            throw bad(who, "not in the YYMMDDHHMMSSZ / YYYYMMDDHHMMSSZ form RFC 5280 requires");
        }
        int i = 2;
        int year;
        if (utc) {
            year = num(enc, i, 2, who);
            year += year < 50 ? 2000 : 1900;
            i += 2;
        } else {
            year = num(enc, i, 4, who);
            i += 4;
        }
        int month = num(enc, i, 2, who);
        int day = num(enc, i + 2, 2, who);
        int hour = num(enc, i + 4, 2, who);
        int minute = num(enc, i + 6, 2, who);
        int second = num(enc, i + 8, 2, who);
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
            throw bad(who, "out of range");
        }
        return CivilTime.toEpochMillis(year, month, day, hour, minute, second);
    }

    private static int num(byte[] b, int off, int len, String who) throws CertificateRejected {
        int v = 0;
        for (int i = off; i < off + len; i++) {
            if (b[i] < '0' || b[i] > '9') {
                throw bad(who, "has a non-digit");
            }
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    private static CertificateRejected bad(String who, String what) {
        return new CertificateRejected(Reason.MALFORMED, "certificate '" + who + "' has a validity time that is " + what);
    }

    /** "2026-12-01 21:40:36 UTC". */
    public static String utc(long millis) {
        return CivilTime.of(millis, 0).dateTime() + " UTC";
    }
}
