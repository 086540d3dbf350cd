package candado.net.dns;

/** A decoded DNS response: header fields, the question, and the answer section (others skipped). */
public final class DnsMessage {
    public final int id;
    public final boolean response;
    public final boolean truncated;
    public final int rcode;
    public final String question;
    public final int questionType;
    public final DnsRecord[] answers;

    DnsMessage(int id, boolean response, boolean truncated, int rcode, String question, int questionType, DnsRecord[] answers) {
        this.id = id;
        this.response = response;
        this.truncated = truncated;
        this.rcode = rcode;
        this.question = question;
        this.questionType = questionType;
        this.answers = answers;
    }
}
