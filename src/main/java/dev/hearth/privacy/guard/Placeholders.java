package dev.hearth.privacy.guard;

import dev.hearth.privacy.SpanTypes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One request's two-way map between sensitive values and the placeholders that stand for them on the way to a cloud
 * backend. The same value always gets the same placeholder within the request; nothing is shared between requests,
 * and nothing is stored: the map lives as long as the request's exchange.
 *
 * <p>Format: {@code <<LABEL_N>>}, where LABEL is the span type ({@code <<EMAIL_ADDRESS_1>>}, {@code <<PERSON_2>>}),
 * or {@code CUSTOM_} and the rule name upper-cased with every character outside {@code A-Z 0-9 _} turned into
 * {@code _} ({@code <<CUSTOM_PROJECT_1>>}), and N counts from 1 per label. Only {@code < > A-Z 0-9 _} occur, none of
 * which JSON escapes (except encoders that escape {@code <} and {@code >} for HTML, see docs/NOTES.md), so a
 * placeholder reads the same in text and in tool-call arguments; the type tells the model what kind of value it is,
 * and the doubled angle brackets are rare in ordinary text. A placeholder that already occurs in the request's own
 * text is never handed out.
 *
 * <p>Not thread-safe: filled once while masking, then only read, all on the request's event loop.
 */
public final class Placeholders {
    private final Map<String, String> byValue = new HashMap<>();
    private final Map<String, String> byToken = new HashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();
    private final Set<String> reserved;
    private int longest;

    /** @param reserved placeholder-shaped tokens already present in the request, never to be handed out */
    public Placeholders(Set<String> reserved) {
        this.reserved = Set.copyOf(reserved);
    }

    /** The placeholder for {@code original}, created on first use with the label of {@code type}. */
    public String placeholder(String type, String original) {
        String known = byValue.get(original);
        if (known != null) {
            return known;
        }
        String label = label(type);
        String token;
        do {
            int n = counters.merge(label, 1, Integer::sum);
            token = "<<" + label + "_" + n + ">>";
        } while (reserved.contains(token));
        byValue.put(original, token);
        byToken.put(token, original);
        longest = Math.max(longest, token.length());
        return token;
    }

    /** The value {@code token} stands for, or null when it is not one of this request's placeholders. */
    public String original(String token) {
        return byToken.get(token);
    }

    public boolean isEmpty() {
        return byToken.isEmpty();
    }

    public int size() {
        return byToken.size();
    }

    /** Length of the longest placeholder handed out, 0 when none. */
    public int longest() {
        return longest;
    }

    /** Whether {@code text[from, to)} is the beginning of some placeholder (or a whole one). */
    public boolean anyStartsWith(CharSequence text, int from, int to) {
        int length = to - from;
        for (String token : byToken.keySet()) {
            if (token.length() >= length && regionEquals(token, text, from, length)) {
                return true;
            }
        }
        return false;
    }

    private static boolean regionEquals(String token, CharSequence text, int from, int length) {
        for (int k = 0; k < length; k++) {
            if (token.charAt(k) != text.charAt(from + k)) {
                return false;
            }
        }
        return true;
    }

    static String label(String type) {
        if (!SpanTypes.isCustom(type)) {
            return type;
        }
        String name = type.substring(SpanTypes.CUSTOM_PREFIX.length()).toUpperCase(Locale.ROOT);
        StringBuilder label = new StringBuilder("CUSTOM_");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            label.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
        }
        return label.toString();
    }

    /** Placeholder-shaped tokens ({@code <<} then {@code A-Z 0-9 _} then {@code >>}) in {@code text}. */
    static Set<String> tokensIn(String text) {
        Set<String> tokens = new HashSet<>();
        int i = text.indexOf("<<");
        while (i >= 0) {
            int end = closeOf(text, i, text.length());
            if (end > 0) {
                tokens.add(text.substring(i, end));
            }
            i = text.indexOf("<<", i + 1);
        }
        return tokens;
    }

    /** For a {@code <<} at {@code i}: the end (exclusive) of the placeholder-shaped token there, or -1. */
    static int closeOf(CharSequence text, int i, int limit) {
        int j = i + 2;
        while (j < text.length() && j - i < limit && isLabelChar(text.charAt(j))) {
            j++;
        }
        if (j == i + 2 || j + 1 >= text.length() || text.charAt(j) != '>' || text.charAt(j + 1) != '>') {
            return -1;
        }
        return j + 2;
    }

    private static boolean isLabelChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}
