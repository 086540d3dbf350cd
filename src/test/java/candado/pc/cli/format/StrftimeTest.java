package candado.pc.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * Strftime against what glibc's strftime prints in the C locale, TZ=UTC (the strings were taken
 * from glibc 2.36 for each letter), at dates where the week numbers and ISO years turn over.
 */
class StrftimeTest {

    static void glibc(long epoch, String expected) {
        ZonedDateTime t = ZonedDateTime.ofInstant(Instant.ofEpochSecond(epoch), ZoneId.of("UTC"));
        for (String pair : expected.split("\u0001")) {
            char c = pair.charAt(0);
            assertEquals(pair.substring(2), Strftime.format(c, t), "%" + c + " at " + epoch);
        }
    }

    @Test
    void everyLetterAsGlibc() {
        glibc(0L, "A=Thursday\u0001B=January\u0001C=19\u0001D=01/01/70\u0001E=%E\u0001F=1970-01-01\u0001G=1970\u0001H=00\u0001I=12\u0001J=%J\u0001K=%K\u0001L=%L\u0001M=00\u0001N=%N\u0001O=%O\u0001P=am\u0001Q=%Q\u0001R=00:00\u0001S=00\u0001T=00:00:00\u0001U=00\u0001V=01\u0001W=00\u0001X=00:00:00\u0001Y=1970\u0001Z=UTC\u0001a=Thu\u0001b=Jan\u0001c=Thu Jan  1 00:00:00 1970\u0001d=01\u0001e= 1\u0001f=%f\u0001g=70\u0001h=Jan\u0001i=%i\u0001j=001\u0001k= 0\u0001l=12\u0001m=01\u0001o=%o\u0001p=AM\u0001q=%q\u0001r=12:00:00 AM\u0001s=0\u0001u=4\u0001v=%v\u0001w=4\u0001x=01/01/70\u0001y=70\u0001z=+0000");
        glibc(1704067199L, "A=Sunday\u0001B=December\u0001C=20\u0001D=12/31/23\u0001E=%E\u0001F=2023-12-31\u0001G=2023\u0001H=23\u0001I=11\u0001J=%J\u0001K=%K\u0001L=%L\u0001M=59\u0001N=%N\u0001O=%O\u0001P=pm\u0001Q=%Q\u0001R=23:59\u0001S=59\u0001T=23:59:59\u0001U=53\u0001V=52\u0001W=52\u0001X=23:59:59\u0001Y=2023\u0001Z=UTC\u0001a=Sun\u0001b=Dec\u0001c=Sun Dec 31 23:59:59 2023\u0001d=31\u0001e=31\u0001f=%f\u0001g=23\u0001h=Dec\u0001i=%i\u0001j=365\u0001k=23\u0001l=11\u0001m=12\u0001o=%o\u0001p=PM\u0001q=%q\u0001r=11:59:59 PM\u0001s=1704067199\u0001u=7\u0001v=%v\u0001w=0\u0001x=12/31/23\u0001y=23\u0001z=+0000");
        glibc(1735603200L, "A=Tuesday\u0001B=December\u0001C=20\u0001D=12/31/24\u0001E=%E\u0001F=2024-12-31\u0001G=2025\u0001H=00\u0001I=12\u0001J=%J\u0001K=%K\u0001L=%L\u0001M=00\u0001N=%N\u0001O=%O\u0001P=am\u0001Q=%Q\u0001R=00:00\u0001S=00\u0001T=00:00:00\u0001U=52\u0001V=01\u0001W=53\u0001X=00:00:00\u0001Y=2024\u0001Z=UTC\u0001a=Tue\u0001b=Dec\u0001c=Tue Dec 31 00:00:00 2024\u0001d=31\u0001e=31\u0001f=%f\u0001g=25\u0001h=Dec\u0001i=%i\u0001j=366\u0001k= 0\u0001l=12\u0001m=12\u0001o=%o\u0001p=AM\u0001q=%q\u0001r=12:00:00 AM\u0001s=1735603200\u0001u=2\u0001v=%v\u0001w=2\u0001x=12/31/24\u0001y=24\u0001z=+0000");
        glibc(-86400L, "A=Wednesday\u0001B=December\u0001C=19\u0001D=12/31/69\u0001E=%E\u0001F=1969-12-31\u0001G=1970\u0001H=00\u0001I=12\u0001J=%J\u0001K=%K\u0001L=%L\u0001M=00\u0001N=%N\u0001O=%O\u0001P=am\u0001Q=%Q\u0001R=00:00\u0001S=00\u0001T=00:00:00\u0001U=52\u0001V=01\u0001W=52\u0001X=00:00:00\u0001Y=1969\u0001Z=UTC\u0001a=Wed\u0001b=Dec\u0001c=Wed Dec 31 00:00:00 1969\u0001d=31\u0001e=31\u0001f=%f\u0001g=70\u0001h=Dec\u0001i=%i\u0001j=365\u0001k= 0\u0001l=12\u0001m=12\u0001o=%o\u0001p=AM\u0001q=%q\u0001r=12:00:00 AM\u0001s=-86400\u0001u=3\u0001v=%v\u0001w=3\u0001x=12/31/69\u0001y=69\u0001z=+0000");
    }

    @Test
    void otherCharactersAsGlibc() {
        ZonedDateTime t = ZonedDateTime.ofInstant(Instant.ofEpochSecond(1700000000), ZoneId.of("America/New_York"));
        assertEquals("-0500", Strftime.format('z', t));
        assertEquals("EST", Strftime.format('Z', t));
        assertEquals("Tue Nov 14 17:13:20 2023", Strftime.format('c', t));
        assertEquals("%", Strftime.format('%', t));
        assertEquals("\n", Strftime.format('n', t));
        assertEquals("%!", Strftime.format('!', t));
        assertEquals("%2", Strftime.format('2', t));
        assertEquals(" %3", Strftime.format('3', t));
        assertEquals("       %9", Strftime.format('9', t));
        assertEquals("+0530", Strftime.format('z', ZonedDateTime.ofInstant(Instant.ofEpochSecond(1700000000), ZoneId.of("Asia/Kolkata"))));
    }
}
