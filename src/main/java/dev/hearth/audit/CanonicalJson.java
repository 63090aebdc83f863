package dev.hearth.audit;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one JSON form of audit data that hashes are computed over: object keys sorted by UTF-16 code units (as in
 * RFC 8785), no whitespace, integers only (no floating point, so no number formatting questions), strings with the
 * minimal JSON escapes ({@code \" \\ \b \f \n \r \t}, other control characters as a lower-case six-character {@code u00xx} escape) and
 * every other character as itself in UTF-8. Map entries whose value is null are left out.
 *
 * <p>Written here rather than with a JSON library on purpose: a hash chain must hash the same bytes for the same
 * record forever, whatever a library upgrade changes in its output. Stateless and thread-safe.
 */
public final class CanonicalJson {
    private CanonicalJson() {}

    /** An object of strings, integers, booleans, nested maps and collections; nulls in maps are dropped. */
    public static String write(Map<String, ?> object) {
        StringBuilder out = new StringBuilder(256);
        value(out, object);
        return out.toString();
    }

    static void value(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String text -> string(out, text);
            case Boolean bool -> out.append(bool);
            case Long number -> out.append(number.longValue());
            case Integer number -> out.append(number.intValue());
            case Short number -> out.append(number.shortValue());
            case Map<?, ?> map -> object(out, map);
            case Collection<?> items -> {
                out.append('[');
                boolean first = true;
                for (Object item : items) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    value(out, item);
                }
                out.append(']');
            }
            default -> throw new IllegalArgumentException(
                    "audit data holds strings, integers, booleans, lists and maps only, not " + value.getClass());
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map) {
        TreeMap<String, Object> sorted = new TreeMap<>();
        map.forEach((key, item) -> {
            if (item != null) {
                sorted.put((String) key, item);
            }
        });
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> entry : sorted.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, entry.getKey());
            out.append(':');
            value(out, entry.getValue());
        }
        out.append('}');
    }

    /** A JSON string literal with the minimal escapes. */
    public static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
