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
    private static final Pattern HEADER =
            Pattern.compile("-----BEGIN (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY(?: BLOCK)?-----");
    private static final int MAX_BLOCK = 64 * 1024;
    private static final int MIN_BODY = 32;

    @Override
    public List<Span> find(CharSequence text) {
        String s = text.toString();
        List<Span> out = new ArrayList<>();
        Matcher header = HEADER.matcher(s);
        int at = s.indexOf(BEGIN);
        while (at >= 0) {
            header.region(at, Math.min(s.length(), at + 80));
            int next = at + BEGIN.length();
            if (header.lookingAt()) {
                int end = blockEnd(s, header.end());
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

    private static int blockEnd(String s, int bodyStart) {
        int limit = Math.min(s.length(), bodyStart + MAX_BLOCK);
        int footer = s.indexOf("-----END ", bodyStart);
        if (footer >= 0 && footer < limit) {
            int close = s.indexOf("-----", footer + 9);
            if (close >= 0 && close - footer < 80) {
                return close + 5;
            }
        }
        int end = bodyStart;
        while (end < limit && isBodyChar(s.charAt(end))) {
            end++;
        }
        while (end > bodyStart && !isBase64(s.charAt(end - 1))) {
            end--;
        }
        return end;
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

    /** Base64, line breaks (real or JSON-escaped "\n") and PEM header lines ("Proc-Type: 4,ENCRYPTED"). */
    private static boolean isBodyChar(char c) {
        return isBase64(c) || c == '\n' || c == '\r' || c == ' ' || c == '\\' || c == ':' || c == ',' || c == '-';
    }
}
