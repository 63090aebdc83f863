package dev.hearth.auth;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The shape of a Hearth API key: {@code hrth_} followed by 43 base62 characters that encode 32 random bytes (256
 * bits). Base62 keeps a key one word for double-click selection and free of characters that need quoting in shells,
 * URLs or headers. The first {@link #PREFIX_LENGTH} characters after {@code hrth_} are the key's public prefix.
 *
 * <p>Stateless and thread-safe. Nothing here logs or keeps a key.
 */
public final class KeyFormat {
    public static final String SCHEME = "hrth_";
    public static final int PREFIX_LENGTH = 8;
    static final int RANDOM_BYTES = 32;
    static final int BODY_LENGTH = 43;
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(ALPHABET.length());

    private KeyFormat() {}

    /** A new key from {@code random} (use a {@link SecureRandom}). */
    public static String generate(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return SCHEME + base62(bytes, BODY_LENGTH);
    }

    /** A random identifier such as {@code key_3fZ9qLm0aB7x} (up to 22 characters): not secret, only unique. */
    public static String randomId(SecureRandom random, String scheme, int length) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String digits = base62(bytes, 22);
        return scheme + digits.substring(digits.length() - length);
    }

    /** Whether {@code presented} has the shape of a Hearth key (it may still be unknown). */
    public static boolean wellFormed(String presented) {
        if (presented == null || presented.length() != SCHEME.length() + BODY_LENGTH
                || !presented.startsWith(SCHEME)) {
            return false;
        }
        for (int i = SCHEME.length(); i < presented.length(); i++) {
            if (ALPHABET.indexOf(presented.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The public prefix of a well-formed key; empty for anything else. */
    public static Optional<String> prefixOf(String presented) {
        return wellFormed(presented)
                ? Optional.of(presented.substring(SCHEME.length(), SCHEME.length() + PREFIX_LENGTH))
                : Optional.empty();
    }

    /** {@code bytes} as an unsigned number in base62, left-padded with '0' to {@code width} digits. */
    static String base62(byte[] bytes, int width) {
        BigInteger n = new BigInteger(1, bytes);
        char[] out = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            BigInteger[] qr = n.divideAndRemainder(BASE);
            out[i] = ALPHABET.charAt(qr[1].intValue());
            n = qr[0];
        }
        if (n.signum() != 0) {
            throw new IllegalArgumentException(bytes.length + " bytes do not fit in " + width + " base62 digits");
        }
        return new String(out);
    }
}
