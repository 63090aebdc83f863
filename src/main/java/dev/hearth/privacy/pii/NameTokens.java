package dev.hearth.privacy.pii;

import dev.hearth.privacy.text.Chars;
import java.util.Set;

/** The pieces of a written name, read without regular expressions: capitalised tokens, initials, particles. */
final class NameTokens {
    private static final Set<String> PARTICLES = Set.of("van", "von", "de", "da", "del", "della", "di", "der", "den",
            "le", "la", "du", "bin", "al", "ibn", "dos", "das", "ten", "ter");

    private NameTokens() {}

    /**
     * A capitalised name token starting at {@code i}: an upper-case letter, 1-30 lower-case letters or apostrophes,
     * optionally one more capitalised part after a hyphen, apostrophe or "Mc"/"Mac" ({@code Garcia-Lopez},
     * {@code O'Brien}, {@code McDonald}). Returns its end or -1.
     */
    static int nameToken(CharSequence text, int i) {
        int n = text.length();
        if (i >= n || !Character.isUpperCase(text.charAt(i))) {
            return -1;
        }
        int j = i + 1;
        if (j + 1 < n && (text.charAt(j) == '\'' || text.charAt(j) == '’') && Character.isUpperCase(text.charAt(j + 1))) {
            j += 2; // O'Brien, D'Angelo
        }
        int lower = lowerRun(text, j);
        if (lower == 0) {
            return -1;
        }
        j += lower;
        if (j < n && Character.isUpperCase(text.charAt(j)) && (j - i == 2 || j - i == 3)
                && (text.subSequence(i, j).toString().equals("Mc") || text.subSequence(i, j).toString().equals("Mac"))) {
            int more = lowerRun(text, j + 1);
            if (more > 0) {
                j += 1 + more;
            }
        }
        if (j + 1 < n && text.charAt(j) == '-' && Character.isUpperCase(text.charAt(j + 1))) {
            int more = lowerRun(text, j + 2);
            if (more > 0) {
                j += 2 + more;
            }
        }
        return Chars.wordEnd(text, j) ? j : -1;
    }

    static int lowerRun(CharSequence text, int i) {
        int j = i;
        while (j < text.length() && j - i < 30 && Character.isLowerCase(text.charAt(j))) {
            j++;
        }
        return j - i;
    }

    static int skipSpaces(CharSequence text, int i, int max) {
        int j = i;
        while (j < text.length() && j - i < max && text.charAt(j) == ' ') {
            j++;
        }
        return j;
    }

    /** Skips a middle initial "Q. " if there is one. */
    static int skipInitial(CharSequence text, int i) {
        if (i + 2 < text.length() && Character.isUpperCase(text.charAt(i)) && text.charAt(i + 1) == '.'
                && text.charAt(i + 2) == ' ') {
            return i + 3;
        }
        return i;
    }

    /** Skips up to two lower-case surname particles ("van der "). */
    static int skipParticles(CharSequence text, int i) {
        int j = i;
        for (int k = 0; k < 2; k++) {
            int end = j;
            while (end < text.length() && end - j < 5 && Character.isLowerCase(text.charAt(end))) {
                end++;
            }
            if (end < text.length() && text.charAt(end) == ' ' && PARTICLES.contains(text.subSequence(j, end).toString())) {
                j = end + 1;
            } else {
                break;
            }
        }
        return j;
    }
}
