package dev.hearth.privacy.pii;

import dev.hearth.privacy.Recognizer;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.text.Chars;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code EMAIL_ADDRESS}: a local part of at most 64 chars, {@code @}, and a dot-separated domain whose last label is
 * alphabetic. Driven by each {@code @} with bounded scans both ways, so runs of {@code @} or of letters cost linear
 * time. Rejects what merely looks like an address in code: {@code logo@2x.png} (file extension as "TLD"),
 * {@code git@github.com:org/repo} (scp-style remote), {@code pkg@1.2.3} (version pin). Stateless, thread-safe.
 */
public final class EmailRecognizer implements Recognizer {
    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 253;
    private static final Set<String> FILE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "ico",
            "bmp", "css", "js", "mjs", "ts", "tsx", "jsx", "json", "html", "htm", "xml", "yaml", "yml", "txt", "pdf",
            "zip", "gz", "tar", "java", "py", "rb", "go", "rs", "kt", "lock", "log", "csv", "scss", "vue", "wasm");

    @Override
    public List<Span> find(CharSequence text) {
        String s = text.toString();
        List<Span> out = new ArrayList<>();
        int at = s.indexOf('@');
        while (at >= 0) {
            int end = match(s, at);
            if (end > 0) {
                int start = localStart(s, at);
                out.add(new Span(SpanTypes.EMAIL_ADDRESS, start, end));
                at = s.indexOf('@', end);
            } else {
                at = s.indexOf('@', at + 1);
            }
        }
        return out;
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.EMAIL_ADDRESS);
    }

    /** The end of an address whose {@code @} is at {@code at}, or -1. */
    private static int match(String s, int at) {
        int start = localStart(s, at);
        if (start < 0 || start == at || s.charAt(start) == '.' || s.charAt(at - 1) == '.') {
            return -1;
        }
        if (start > 0 && (s.charAt(start - 1) == '/' && start > 1 && s.charAt(start - 2) == '/')) {
            return -1; // scheme://user@host belongs to URL recognizers
        }
        int end = at + 1;
        int limit = Math.min(s.length(), at + 1 + MAX_DOMAIN);
        while (end < limit && isDomainChar(s.charAt(end))) {
            end++;
        }
        if (end < s.length() && (isDomainChar(s.charAt(end)) || s.charAt(end) == '@')) {
            return -1; // longer than any domain, or a@b@c
        }
        while (end > at + 1 && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == '-')) {
            end--; // sentence punctuation, not part of the domain
        }
        if (end < s.length() - 1 && s.charAt(end) == ':' && !Chars.isSpace(s.charAt(end + 1))) {
            return -1; // git@host:org/repo
        }
        return validDomain(s, at + 1, end) ? end : -1;
    }

    private static int localStart(String s, int at) {
        int i = at;
        int floor = Math.max(0, at - MAX_LOCAL);
        while (i > floor && isLocalChar(s.charAt(i - 1))) {
            i--;
        }
        if (i == floor && floor > 0 && isLocalChar(s.charAt(floor - 1))) {
            return -1; // local part longer than 64
        }
        while (i < at && s.charAt(i) == '.') {
            i++;
        }
        return i;
    }

    private static boolean validDomain(String s, int from, int to) {
        int labels = 0;
        int labelStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || s.charAt(i) == '.') {
                int len = i - labelStart;
                if (len < 1 || len > 63 || s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-') {
                    return false;
                }
                labels++;
                if (i == to) {
                    return labels >= 2 && validTld(s, labelStart, to);
                }
                labelStart = i + 1;
            }
        }
        return false;
    }

    private static boolean validTld(String s, int from, int to) {
        if (to - from < 2) {
            return false;
        }
        boolean punycode = s.startsWith("xn--", from);
        for (int i = from; i < to && !punycode; i++) {
            if (!Chars.isAsciiLetter(s.charAt(i))) {
                return false;
            }
        }
        return !FILE_EXTENSIONS.contains(s.substring(from, to).toLowerCase(java.util.Locale.ROOT));
    }

    private static boolean isLocalChar(char c) {
        return Chars.isAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
                || (c > 127 && Character.isLetterOrDigit(c));
    }

    private static boolean isDomainChar(char c) {
        return Chars.isAsciiAlnum(c) || c == '.' || c == '-' || (c > 127 && Character.isLetterOrDigit(c));
    }
}
