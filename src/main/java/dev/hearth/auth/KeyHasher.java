package dev.hearth.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashing of API keys: HMAC-SHA256 under the server secret (32 random bytes kept in the state directory). A
 * stolen database alone therefore cannot be used to test guesses offline, and a key's 256 random bits make a slow
 * password hash unnecessary: one HMAC (about a microsecond) per request.
 *
 * <p>{@link #matches} compares in constant time ({@link MessageDigest#isEqual}), so response timing does not reveal
 * how many leading bytes of a guess were right. Thread-safe: each thread gets its own {@link Mac}.
 */
public final class KeyHasher {
    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final ThreadLocal<Mac> macs;

    /** @param serverSecret at least 32 bytes; copied */
    public KeyHasher(byte[] serverSecret) {
        if (serverSecret.length < 32) {
            throw new IllegalArgumentException("the server secret must have at least 32 bytes");
        }
        SecretKeySpec key = new SecretKeySpec(serverSecret.clone(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException missing) {
                throw new IllegalStateException("this JDK lacks " + ALGORITHM, missing);
            }
        });
    }

    /** Lower-case hex HMAC of the whole key (scheme included). */
    public String hash(String key) {
        return HEX.formatHex(digest(key));
    }

    /** Whether {@code presented} hashes to {@code storedHex}, compared in constant time. */
    public boolean matches(String presented, String storedHex) {
        byte[] stored;
        try {
            stored = HEX.parseHex(storedHex);
        } catch (IllegalArgumentException corrupt) {
            return false;
        }
        return MessageDigest.isEqual(digest(presented), stored);
    }

    private byte[] digest(String key) {
        return macs.get().doFinal(key.getBytes(StandardCharsets.UTF_8));
    }
}
