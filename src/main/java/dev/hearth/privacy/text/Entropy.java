package dev.hearth.privacy.text;

/** Shannon entropy of a string's character distribution, in bits per char. Stateless. */
public final class Entropy {
    private Entropy() {}

    public static double shannon(CharSequence text, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return 0;
        }
        int[] ascii = new int[128];
        int nonAscii = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 128) {
                ascii[c]++;
            } else {
                nonAscii++; // rare in secrets; lumped together, which can only under-estimate entropy
            }
        }
        double bits = 0;
        for (int count : ascii) {
            bits += term(count, n);
        }
        return bits + term(nonAscii, n);
    }

    public static double shannon(CharSequence text) {
        return shannon(text, 0, text.length());
    }

    private static double term(int count, int n) {
        if (count == 0) {
            return 0;
        }
        double p = (double) count / n;
        return -p * (Math.log(p) / Math.log(2));
    }
}
