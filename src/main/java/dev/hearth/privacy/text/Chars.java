package dev.hearth.privacy.text;

/** Character classes and boundary tests shared by the recognizers. Stateless. */
public final class Chars {
    private Chars() {}

    /** Letters, digits and underscore, in any script: what a "whole word" must not touch. */
    public static boolean isWordChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    public static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    public static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    public static boolean isAsciiAlnum(char c) {
        return isAsciiDigit(c) || isAsciiLetter(c);
    }

    public static boolean isHexDigit(char c) {
        return isAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Characters of base64, base64url and most vendor token alphabets. */
    public static boolean isTokenChar(char c) {
        return isAsciiAlnum(c) || c == '_' || c == '-';
    }

    /** True when {@code i} is 0 or the char before {@code i} is not a word char. */
    public static boolean wordStart(CharSequence text, int i) {
        return i == 0 || !isWordChar(text.charAt(i - 1));
    }

    /** True when {@code i} is the text's end or the char at {@code i} is not a word char. */
    public static boolean wordEnd(CharSequence text, int i) {
        return i >= text.length() || !isWordChar(text.charAt(i));
    }

    public static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u00A0' || c == '\f';
    }

    public static int countDigits(CharSequence text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (isAsciiDigit(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /** The ASCII digits of {@code text[from, to)} as a string, other chars skipped. */
    public static String digits(CharSequence text, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (isAsciiDigit(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** True when every char of {@code text[from, to)} is the same. */
    public static boolean allSame(CharSequence text, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            if (text.charAt(i) != text.charAt(from)) {
                return false;
            }
        }
        return true;
    }
}
