package dev.hearth.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How an audit record's hash is computed. A record's canonical form is the {@link CanonicalJson} object
 * {@code {"body":{...},"kind":..,"node":..,"prev":..,"seq":..,"ts":..}}, and its hash is the lower-case hex SHA-256
 * of that text in UTF-8. {@code prev} is the hash of the node's previous record ({@link #GENESIS} for the first), so
 * every record commits to all that came before it on its node. Stateless and thread-safe.
 */
public final class ChainHash {
    /** The {@code prev} of a node's first record. */
    public static final String GENESIS = "0".repeat(64);

    private static final HexFormat HEX = HexFormat.of();

    private ChainHash() {}

    /** The canonical text of a record; {@code body} must already be canonical JSON. */
    public static String canonical(String node, long seq, long ts, String kind, String body, String prev) {
        StringBuilder out = new StringBuilder(body.length() + 160);
        out.append("{\"body\":").append(body).append(",\"kind\":");
        CanonicalJson.string(out, kind);
        out.append(",\"node\":");
        CanonicalJson.string(out, node);
        out.append(",\"prev\":");
        CanonicalJson.string(out, prev);
        out.append(",\"seq\":").append(seq).append(",\"ts\":").append(ts).append('}');
        return out.toString();
    }

    public static String hash(String node, long seq, long ts, String kind, String body, String prev) {
        return sha256(canonical(node, seq, ts, kind, body, prev));
    }

    public static String sha256(String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("this JDK lacks SHA-256", missing);
        }
    }
}
