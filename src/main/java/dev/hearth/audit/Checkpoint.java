package dev.hearth.audit;

/**
 * A signed statement that node {@code node}'s record {@code seq} had hash {@code hash} at {@code ts}. Because the
 * hash commits to every earlier record, one checkpoint vouches for the whole chain up to it, and a log that ends
 * before a checkpoint's {@code seq} has been truncated. Immutable.
 *
 * @param keyId     which signing key ({@link CheckpointSigner#keyId})
 * @param signature base64 Ed25519 signature over {@link #signedContent()}
 */
public record Checkpoint(String node, long seq, long ts, String hash, String keyId, String signature) {

    /** The signed bytes' text: {@code {"hash":..,"node":..,"seq":..,"ts":..}} in canonical JSON. */
    public String signedContent() {
        StringBuilder out = new StringBuilder(128).append("{\"hash\":");
        CanonicalJson.string(out, hash);
        out.append(",\"node\":");
        CanonicalJson.string(out, node);
        return out.append(",\"seq\":").append(seq).append(",\"ts\":").append(ts).append('}').toString();
    }
}
