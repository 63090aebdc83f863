package dev.hearth.privacy.pii;

import dev.hearth.privacy.Recognizer;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.text.Anchors;
import dev.hearth.privacy.text.Chars;
import dev.hearth.privacy.text.Phrases;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code IP_ADDRESS}: dotted-quad IPv4 with each octet 0-255 and IPv6 in full, compressed ({@code ::}) or IPv4-mapped
 * form. Not reported: version strings ({@code v1.2.3.4}, "version 10.0.0.1"), longer dotted runs (OIDs), the unspecified
 * address {@code 0.0.0.0}, loopback ({@code 127.0.0.0/8}, {@code ::1}: every developer's machine, nobody's data),
 * netmasks starting with 255, and colon runs that are not addresses (times, MACs,
 * {@code a::b} in code). Stateless, thread-safe.
 */
public final class IpAddressRecognizer implements Recognizer {
    private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
    private static final Pattern V4 = Pattern.compile(
            "(?<![0-9A-Za-z.])" + OCTET + "(?:\\." + OCTET + "){3}(?![0-9A-Za-z]|\\.[0-9])");
    private static final Phrases VERSION_CUES = Phrases.ignoringCase("version", "ver", "ver.", "release", "build",
            "firmware", "v", "sdk", "api level", "os");
    private static final int MAX_V6 = 45;

    @Override
    public List<Span> find(CharSequence text) {
        List<Span> out = new ArrayList<>();
        Matcher m = Anchors.transparent(V4.matcher(text));
        Anchors.digitRuns(text, ".", 4, 7, at -> {
            if (Anchors.matchAt(m, text, at, 15)) {
                String ip = m.group();
                if (!ip.equals("0.0.0.0") && !ip.startsWith("255.") && !ip.startsWith("127.")
                        && !VERSION_CUES.anyIn(text, Math.max(0, m.start() - 12), m.start())) {
                    out.add(new Span(SpanTypes.IP_ADDRESS, m.start(), m.end()));
                }
            }
        });
        findV6(text, out);
        return out;
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.IP_ADDRESS);
    }

    private static void findV6(CharSequence text, List<Span> out) {
        String s = text.toString();
        int colon = s.indexOf(':');
        while (colon >= 0) {
            int start = colon;
            while (start > 0 && colon - start < MAX_V6 && isV6Char(s.charAt(start - 1))) {
                start--;
            }
            int end = colon;
            while (end < s.length() && end - start < MAX_V6 + 1 && isV6Char(s.charAt(end))) {
                end++;
            }
            while (end > start && s.charAt(end - 1) == '.') {
                end--;
            }
            boolean bounded = (start == 0 || !isTokenNeighbour(s.charAt(start - 1)))
                    && (end == s.length() || !isTokenNeighbour(s.charAt(end)));
            if (bounded && end - start <= MAX_V6 && plausibleV6(s, start, end)) {
                out.add(new Span(SpanTypes.IP_ADDRESS, start, end));
            }
            colon = s.indexOf(':', Math.max(end, colon + 1));
        }
    }

    private static boolean isV6Char(char c) {
        return Chars.isHexDigit(c) || c == ':' || c == '.';
    }

    private static boolean isTokenNeighbour(char c) {
        return Chars.isAsciiAlnum(c) || c == '_' || c == '-';
    }

    /** A valid IPv6 address that is also unlikely to be something else (see the class comment). */
    static boolean plausibleV6(String s, int start, int end) {
        String candidate = s.substring(start, end);
        int doubleColon = candidate.indexOf("::");
        if (doubleColon >= 0 && candidate.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] parts = candidate.split(":", -1);
        int groups = 0;
        int longest = 0;
        boolean v4Tail = false;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                continue;
            }
            if (part.indexOf('.') >= 0) {
                if (i != parts.length - 1 || !part.matches(OCTET + "(?:\\." + OCTET + "){3}")) {
                    return false;
                }
                v4Tail = true;
                groups += 2;
                longest = 4;
                continue;
            }
            if (part.length() > 4) {
                return false;
            }
            groups++;
            longest = Math.max(longest, part.length());
        }
        if (doubleColon < 0) {
            return groups == 8 && emptyOnlyAt(parts) == 0;
        }
        return groups < 8 && groups >= 2 && longest >= 3 && (v4Tail || validCompressedEdges(candidate));
    }

    private static int emptyOnlyAt(String[] parts) {
        int empty = 0;
        for (String part : parts) {
            if (part.isEmpty()) {
                empty++;
            }
        }
        return empty;
    }

    private static boolean validCompressedEdges(String candidate) {
        boolean badStart = candidate.startsWith(":") && !candidate.startsWith("::");
        boolean badEnd = candidate.endsWith(":") && !candidate.endsWith("::");
        return !badStart && !badEnd;
    }
}
