package dev.hearth.privacy.secret;

import dev.hearth.privacy.Recognizer;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code PRIVATE_KEY}: a PEM or OpenSSH/PGP armoured private key, from {@code -----BEGIN ... PRIVATE KEY-----} to the
 * matching {@code -----END ...-----} line (searched up to 64 KB on). A block whose end is missing (a truncated paste)
 * runs to the end of its base64 body. A block with fewer than 32 base64 chars inside ({@code ...} in documentation)
 * is a placeholder and not reported. The span covers the whole block. Stateless, thread-safe.
 */
public final class PrivateKeyRecognizer implements Recognizer {
    private static final String BEGIN = "-----BEGIN ";
    private static final String FOOTER = "-----END ";
    private static final Pattern HEADER =
            Pattern.compile("-----BEGIN (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY(?: BLOCK)?-----");
    private static final int MAX_BLOCK = 64 * 1024;
    private static final int MIN_BODY = 32;
    private static final int FULL_LINE = 60;

    @Override
    public List<Span> find(CharSequence text) {
        String s = text.toString();
        List<Span> out = new ArrayList<>();
        Matcher header = HEADER.matcher(s);
        int at = s.indexOf(BEGIN);
        int footer = -2; // next "-----END " at or after the current body; searched again only when passed
        while (at >= 0) {
            header.region(at, Math.min(s.length(), at + 80));
            int next = at + BEGIN.length();
            if (header.lookingAt()) {
                if (footer != -1 && footer < header.end()) {
                    footer = s.indexOf(FOOTER, header.end());
                }
                int end = blockEnd(s, header.end(), footer);
                if (bodyChars(s, header.end(), end) >= MIN_BODY) {
                    out.add(new Span(SpanTypes.PRIVATE_KEY, at, end));
                    next = end;
                }
            }
            at = s.indexOf(BEGIN, next);
        }
        return out;
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.PRIVATE_KEY);
    }

    private static int blockEnd(String s, int bodyStart, int footer) {
        int limit = Math.min(s.length(), bodyStart + MAX_BLOCK);
        if (footer >= 0 && footer < limit) {
            int close = s.indexOf("-----", footer + 9);
            if (close >= 0 && close - footer < 80) {
                return close + 5;
            }
        }
        return truncatedEnd(s, bodyStart, limit);
    }

    /**
     * Without a footer, the body is the run of base64 lines (separated by real or JSON-escaped line breaks); a line
     * shorter than a full PEM line is the last one, so the prose after a pasted key stays out of the span.
     */
    private static int truncatedEnd(String s, int bodyStart, int limit) {
        int i = skipBreak(s, bodyStart);
        int end = bodyStart;
        while (i < limit) {
            int lineStart = i;
            while (i < limit && isBase64(s.charAt(i))) {
                i++;
            }
            int length = i - lineStart;
            boolean lineEnds = i == limit || s.charAt(i) == '\n' || s.charAt(i) == '\r' || s.startsWith("\\n", i);
            if (length == 0 || !lineEnds) {
                break;
            }
            end = i;
            if (length < FULL_LINE) {
                break;
            }
            i = skipBreak(s, i);
        }
        return end;
    }

    private static int skipBreak(String s, int i) {
        if (s.startsWith("\r\n", i)) {
            return i + 2;
        }
        if (s.startsWith("\\n", i)) {
            return i + 2;
        }
        return i < s.length() && (s.charAt(i) == '\n' || s.charAt(i) == '\r') ? i + 1 : i;
    }

    private static int bodyChars(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (isBase64(s.charAt(i)) && s.charAt(i) != '=') {
                n++;
            }
        }
        return n;
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                || c == '=';
    }
}
