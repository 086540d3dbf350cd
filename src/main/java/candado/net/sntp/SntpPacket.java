package candado.net.sntp;

/** The fields of a decoded 48-byte NTP header. */
public final class SntpPacket {
    public final int leap;
    public final int version;
    public final int mode;
    public final int stratum;
    public final int poll;
    public final int precision;
    public final int rootDelay;
    public final int rootDispersion;
    public final int referenceId;
    public final long referenceTime;
    public final long originTime;
    public final long receiveTime;
    public final long transmitTime;

    SntpPacket(int leap, int version, int mode, int stratum, int poll, int precision, int rootDelay,
            int rootDispersion, int referenceId, long referenceTime, long originTime, long receiveTime, long transmitTime) {
        this.leap = leap;
        this.version = version;
        this.mode = mode;
        this.stratum = stratum;
        this.poll = poll;
        this.precision = precision;
        this.rootDelay = rootDelay;
        this.rootDispersion = rootDispersion;
        this.referenceId = referenceId;
        this.referenceTime = referenceTime;
        this.originTime = originTime;
        this.receiveTime = receiveTime;
        this.transmitTime = transmitTime;
    }

    /** Reference ID as text: four ASCII letters for stratum 0/1 (kiss code, "GPS", "LOCL"), else an IPv4. */
    public String referenceIdText() {
        if (stratum <= 1) {
            StringBuilder sb = new StringBuilder(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                int c = (referenceId >>> shift) & 0xFF;
                if (c >= 0x20 && c < 0x7F) {
                    sb.append((char) c);
                }
            }
            return sb.toString();
        }
        return candado.net.Ipv4.format(referenceId);
    }
}
