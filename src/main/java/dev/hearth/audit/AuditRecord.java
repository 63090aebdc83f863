package dev.hearth.audit;

/**
 * One stored audit record: an {@link AuditEvent} placed in its node's chain. Immutable.
 *
 * @param node the node whose chain it belongs to
 * @param seq  its position in that chain, from 1, without gaps
 * @param ts   epoch milliseconds of the event
 * @param body the event's fields as canonical JSON
 * @param prev the hash of the node's previous record
 * @param hash {@link ChainHash#hash} of all the above
 */
public record AuditRecord(String node, long seq, long ts, String kind, String body, String prev, String hash) {

    /** Whether {@code hash} is the hash of this record's content (its link to {@code prev} is not checked here). */
    public boolean selfConsistent() {
        return ChainHash.hash(node, seq, ts, kind, body, prev).equals(hash);
    }

    /**
     * The export form: the canonical record with its {@code hash} added, keys still sorted. Removing {@code hash}
     * and hashing the rest with SHA-256 gives {@code hash} back, so exports can be checked without Hearth.
     */
    public String jsonLine() {
        String canonical = ChainHash.canonical(node, seq, ts, kind, body, prev);
        int kindAt = canonical.indexOf(",\"kind\":", body.length() + 8);
        StringBuilder out = new StringBuilder(canonical.length() + 80);
        out.append(canonical, 0, kindAt).append(",\"hash\":");
        CanonicalJson.string(out, hash);
        return out.append(canonical, kindAt, canonical.length()).toString();
    }
}
