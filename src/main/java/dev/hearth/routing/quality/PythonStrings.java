package dev.hearth.routing.quality;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a Python list of string literals ({@code ['a', "b\n"]}), the way RouterBench writes its prompt column.
 * Only what {@code repr()} of a list of {@code str} produces is accepted: single- or double-quoted literals with the
 * escapes {@code \\ \' \" \n \r \t \xHH \\uHHHH \UHHHHHHHH}; any other backslash pair is kept as it is, as Python does.
 */
final class PythonStrings {
    private PythonStrings() {}

    /** The list's strings, or {@code null} when {@code text} is not such a list. */
    static List<String> parseList(String text) {
        String s = text.strip();
        if (s.length() < 2 || s.charAt(0) != '[' || s.charAt(s.length() - 1) != ']') {
            return null;
        }
        List<String> items = new ArrayList<>();
        int i = skipSpaces(s, 1);
        while (i < s.length() - 1) {
            char quote = s.charAt(i);
            if (quote != '\'' && quote != '"') {
                return null;
            }
            StringBuilder item = new StringBuilder();
            i = literal(s, i + 1, quote, item);
            if (i < 0) {
                return null;
            }
            items.add(item.toString());
            i = skipSpaces(s, i);
            if (s.charAt(i) == ',') {
                i = skipSpaces(s, i + 1);
            } else if (i != s.length() - 1) {
                return null;
            }
        }
        return items;
    }

    /** Decodes a literal body starting at {@code i} into {@code out}; the index after its closing quote, or -1. */
    private static int literal(String s, int i, char quote, StringBuilder out) {
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == quote) {
                return i;
            }
            if (c != '\\' || i >= s.length()) {
                out.append(c);
                continue;
            }
            char e = s.charAt(i++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case '\\', '\'', '"' -> out.append(e);
                case 'x', 'u', 'U' -> {
                    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + digits > s.length()) {
                        return -1;
                    }
                    try {
                        out.appendCodePoint(Integer.parseInt(s, i, i + digits, 16));
                    } catch (IllegalArgumentException badEscape) {
                        return -1;
                    }
                    i += digits;
                }
                default -> out.append('\\').append(e);
            }
        }
        return -1;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
