package dev.hearth.privacy.guard;

import dev.hearth.privacy.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What masking and restoring need to know about JSON text (tool-call arguments) without a JSON library: where string
 * contents and escape sequences are, and how to escape and unescape string content. Lenient: text that is not
 * well-formed JSON is still handled (an unterminated string runs to the end). Stateless and thread-safe.
 */
final class JsonText {
    private static final byte OUTSIDE = 0;
    private static final byte QUOTE = 1;
    private static final byte CONTENT = 2;
    /** A character inside an escape sequence after its backslash. */
    private static final byte ESCAPED = 3;

    /**
     * A stretch of JSON text to replace with a placeholder.
     *
     * @param quote the stretch is a bare token (a number, {@code true}, ...): its placeholder needs quotes
     */
    record Region(int start, int end, String type, boolean quote) {}

    private JsonText() {}

    /**
     * The regions that cover {@code spans} so that replacing each keeps the JSON valid: a span's parts inside string
     * literals (widened to whole escape sequences) and the whole bare tokens it touches; quotes and structural
     * characters are never inside a region. Sorted, non-overlapping.
     */
    static List<Region> regions(String json, List<Span> spans) {
        byte[] kinds = classify(json);
        List<Region> regions = new ArrayList<>();
        for (Span span : spans) {
            int i = span.start();
            while (i < span.end()) {
                byte kind = kinds[i];
                int j = i;
                if (kind == CONTENT || kind == ESCAPED) {
                    while (j < span.end() && (kinds[j] == CONTENT || kinds[j] == ESCAPED)) {
                        j++;
                    }
                    int start = i;
                    while (kinds[start] == ESCAPED) {
                        start--;
                    }
                    int end = j;
                    while (end < json.length() && kinds[end] == ESCAPED) {
                        end++;
                    }
                    regions.add(new Region(start, end, span.type(), false));
                } else if (kind == OUTSIDE && isBare(json.charAt(i))) {
                    while (j < span.end() && kinds[j] == OUTSIDE && isBare(json.charAt(j))) {
                        j++;
                    }
                    int start = i;
                    while (start > 0 && kinds[start - 1] == OUTSIDE && isBare(json.charAt(start - 1))) {
                        start--;
                    }
                    int end = j;
                    while (end < json.length() && kinds[end] == OUTSIDE && isBare(json.charAt(end))) {
                        end++;
                    }
                    regions.add(new Region(start, end, span.type(), true));
                } else {
                    j++;
                }
                i = Math.max(j, i + 1);
            }
        }
        return merge(regions);
    }

    private static List<Region> merge(List<Region> regions) {
        regions.sort(Comparator.comparingInt(Region::start));
        List<Region> merged = new ArrayList<>();
        for (Region region : regions) {
            Region last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && region.start() < last.end()) {
                merged.set(merged.size() - 1, new Region(last.start(), Math.max(last.end(), region.end()), last.type(),
                        last.quote()));
            } else {
                merged.add(region);
            }
        }
        return merged;
    }

    private static byte[] classify(String json) {
        byte[] kinds = new byte[json.length()];
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"' ) {
                kinds[i] = QUOTE;
                inString = !inString;
            } else if (!inString) {
                kinds[i] = OUTSIDE;
            } else if (c == '\\') {
                kinds[i] = CONTENT;
                int length = i + 1 < json.length() && json.charAt(i + 1) == 'u' ? 6 : 2;
                for (int k = 1; k < length && i + 1 < json.length(); k++) {
                    kinds[++i] = ESCAPED;
                }
            } else {
                kinds[i] = CONTENT;
            }
        }
        return kinds;
    }

    private static boolean isBare(char c) {
        return !Character.isWhitespace(c) && "{}[],:\"".indexOf(c) < 0;
    }

    /** {@code value} as JSON string content: quotes, backslashes and control characters escaped. */
    static String escape(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String replacement = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> c < 0x20 ? String.format("\\u%04x", (int) c) : null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? value : out.toString();
    }

    /** Decodes JSON string content; a malformed escape is kept as written. */
    static String unescape(String raw) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\' || i + 1 >= raw.length()) {
                out.append(c);
                continue;
            }
            char e = raw.charAt(i + 1);
            switch (e) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case '"', '\\', '/' -> out.append(e);
                case 'u' -> {
                    int code = i + 6 <= raw.length() ? hex(raw, i + 2) : -1;
                    if (code < 0) {
                        out.append(c).append(e);
                    } else {
                        out.append((char) code);
                        i += 4;
                    }
                }
                default -> out.append(c).append(e);
            }
            i++;
        }
        return out.toString();
    }

    private static int hex(String text, int from) {
        int value = 0;
        for (int k = from; k < from + 4; k++) {
            int digit = Character.digit(text.charAt(k), 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }
}
