package dev.hearth.privacy.secret;

import dev.hearth.privacy.Recognizer;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.text.Chars;
import dev.hearth.privacy.text.Entropy;
import dev.hearth.privacy.text.Placeholders;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code GENERIC_SECRET}: a literal value assigned to a name that {@linkplain SecretNames names a secret}, in the
 * assignment shapes of code and configuration: {@code key = "v"}, {@code key: v}, {@code "key": "v"},
 * {@code key := "v"}, {@code key => 'v'}, {@code KEY=v} (env files), and HTTP {@code Authorization: Bearer v}.
 *
 * <p>The value must be 8-200 chars without spaces, have at least {@value #MIN_BITS} bits of Shannon entropy per
 * char, and not be a placeholder ({@code changeme}, {@code ${VAR}}, {@code <your-key>}, {@code ****}). Unquoted
 * values that read as code (a call, a dotted path, a bare identifier without digits) are references, not secrets.
 * Comparisons ({@code ==}, {@code !=}, {@code <=}) are not assignments. The span is the value only, without quotes.
 *
 * <p>Driven by each {@code =} and {@code :} with bounded scans (64 chars back for the name, 200 forward for the
 * value), so cost is linear. Stateless, thread-safe.
 */
public final class GenericSecretRecognizer implements Recognizer {
    static final double MIN_BITS = 3.0;
    private static final int MIN_LENGTH = 8;
    private static final int MAX_LENGTH = 200;
    private static final int MAX_NAME = 64;

    @Override
    public List<Span> find(CharSequence text) {
        String s = text.toString();
        List<Span> out = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '=' && c != ':') {
                continue;
            }
            int valueFrom = operatorEnd(s, i);
            if (valueFrom < 0) {
                continue;
            }
            int nameEnd = skipBack(s, i);
            int nameStart = nameEnd;
            while (nameStart > 0 && nameEnd - nameStart < MAX_NAME && isNameChar(s.charAt(nameStart - 1))) {
                nameStart--;
            }
            if (nameStart == nameEnd) {
                continue;
            }
            CharSequence name = s.subSequence(nameStart, nameEnd);
            boolean authorization = c == ':' && name.toString().equalsIgnoreCase("authorization");
            if (!authorization && !SecretNames.namesSecret(name)) {
                continue;
            }
            Span value = value(s, valueFrom, authorization);
            if (value != null) {
                out.add(value);
                i = value.end();
            }
        }
        return out;
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.GENERIC_SECRET);
    }

    /** Where the value may begin after the operator at {@code i}, or -1 when this is not an assignment. */
    private static int operatorEnd(String s, int i) {
        char c = s.charAt(i);
        char before = i > 0 ? s.charAt(i - 1) : ' ';
        char after = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
        if (c == '=') {
            if (before == '=' || before == '!' || before == '<' || before == '>' || before == ':' || after == '=') {
                return -1; // comparison, or the second half of :=
            }
            return after == '>' ? i + 2 : i + 1;
        }
        if (after == ':' || before == ':' || after == '/') {
            return -1; // C++/Rust paths, URLs
        }
        return after == '=' ? i + 2 : i + 1;
    }

    /** Skips spaces and a closing quote between a name and its operator. */
    private static int skipBack(String s, int i) {
        int j = i;
        while (j > 0 && i - j < 4 && (s.charAt(j - 1) == ' ' || s.charAt(j - 1) == '\t')) {
            j--;
        }
        if (j > 0 && (s.charAt(j - 1) == '"' || s.charAt(j - 1) == '\'')) {
            j--;
        }
        return j;
    }

    private static Span value(String s, int from, boolean authorization) {
        int i = from;
        while (i < s.length() && i - from < 4 && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        if (i >= s.length()) {
            return null;
        }
        char quote = s.charAt(i);
        boolean quoted = quote == '"' || quote == '\'' || quote == '`';
        int start = quoted ? i + 1 : i;
        if (authorization) {
            start = afterAuthScheme(s, start);
            if (start < 0) {
                return null;
            }
        }
        int end = start;
        int limit = Math.min(s.length(), start + MAX_LENGTH + 1);
        while (end < limit && !endsValue(s.charAt(end), quoted ? quote : 0)) {
            end++;
        }
        if (end == limit && limit - start > MAX_LENGTH) {
            return null;
        }
        if (quoted && (end >= s.length() || s.charAt(end) != quote)) {
            return null; // no closing quote on this line, or a space inside: prose, not a secret literal
        }
        if (!quoted) {
            while (end > start && ",;".indexOf(s.charAt(end - 1)) >= 0) {
                end--;
            }
        }
        return acceptable(s, start, end, quoted) ? new Span(SpanTypes.GENERIC_SECRET, start, end) : null;
    }

    private static int afterAuthScheme(String s, int start) {
        for (String scheme : new String[] {"Bearer ", "Basic ", "Token ", "token ", "bearer "}) {
            if (s.startsWith(scheme, start)) {
                return start + scheme.length();
            }
        }
        return -1;
    }

    private static boolean endsValue(char c, char quote) {
        if (quote != 0) {
            return c == quote || Chars.isSpace(c) || c < ' ';
        }
        // '#' starts a comment only after whitespace, which already ended the value: "p@ss#24" is one value
        return Chars.isSpace(c) || c < ' ' || c == '"' || c == '\'' || c == ')' || c == '}' || c == ']';
    }

    private static boolean acceptable(String s, int start, int end, boolean quoted) {
        int length = end - start;
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return false;
        }
        String value = s.substring(start, end);
        if (!quoted && readsAsCode(value)) {
            return false;
        }
        return !Placeholders.isPlaceholder(value) && Entropy.shannon(value) >= MIN_BITS;
    }

    /** {@code getToken()}, {@code os.environ}, {@code settings.API_KEY}, {@code password_input}. */
    private static boolean readsAsCode(String value) {
        if (value.indexOf('(') >= 0) {
            return true;
        }
        boolean identifierPath = true;
        boolean digit = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            digit |= Chars.isAsciiDigit(c);
            boolean ok = Chars.isAsciiLetter(c) || c == '_' || c == '$' || (c == '.' && i > 0)
                    || (Chars.isAsciiDigit(c) && i > 0);
            identifierPath &= ok;
        }
        return identifierPath && (!digit || value.indexOf('.') > 0);
    }

    private static boolean isNameChar(char c) {
        return Chars.isAsciiAlnum(c) || c == '_' || c == '-' || c == '.';
    }
}
