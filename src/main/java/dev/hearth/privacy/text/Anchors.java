package dev.hearth.privacy.text;

import java.util.function.IntConsumer;
import java.util.regex.Matcher;

/**
 * Cheap pre-scans that find the few positions where a pattern could start, so that regular expressions run anchored
 * ({@link Matcher#lookingAt()}) at those positions instead of being tried at every char. A plain loop over a
 * string costs about a nanosecond per char; an unanchored {@code find()} costs tens. Stateless.
 */
public final class Anchors {
    private Anchors() {}

    /**
     * Each {@code i} where an ASCII digit run starts (the char before is not an ASCII letter, digit or one of
     * {@code alsoNotBefore}) and at least {@code minDigits} digits occur in {@code text[i, i + span)}.
     */
    public static void digitRuns(CharSequence text, String alsoNotBefore, int minDigits, int span, IntConsumer sink) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (!Chars.isAsciiDigit(text.charAt(i))) {
                continue;
            }
            char before = i > 0 ? text.charAt(i - 1) : ' ';
            boolean starts = !Chars.isAsciiAlnum(before) && alsoNotBefore.indexOf(before) < 0;
            if (starts && (minDigits <= 1 || Chars.countDigits(text, i, Math.min(n, i + span)) >= minDigits)) {
                sink.accept(i);
            }
            while (i + 1 < n && Chars.isAsciiDigit(text.charAt(i + 1))) {
                i++;
            }
        }
    }

    /** Each {@code i} where an upper-case ASCII letter starts a word (the char before is not a letter or digit). */
    public static void capitalStarts(CharSequence text, IntConsumer sink) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z' && (i == 0 || !Chars.isAsciiAlnum(text.charAt(i - 1)))) {
                sink.accept(i);
            }
        }
    }

    /** Tries {@code m} anchored at {@code at} on a region of at most {@code maxLength} chars; true on a match. */
    public static boolean matchAt(Matcher m, CharSequence text, int at, int maxLength) {
        m.region(at, Math.min(text.length(), at + maxLength));
        return m.lookingAt();
    }

    /** A matcher whose lookarounds see past the region, as anchored matching needs. */
    public static Matcher transparent(Matcher m) {
        return m.useTransparentBounds(true).useAnchoringBounds(false);
    }
}
