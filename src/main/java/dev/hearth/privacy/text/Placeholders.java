package dev.hearth.privacy.text;

import java.util.Locale;
import java.util.Set;

/**
 * Recognises values that stand in for a secret rather than being one: {@code changeme}, {@code xxxx},
 * {@code ${VAR}}, {@code <your-key>}, {@code {{ secrets.TOKEN }}}, AWS's documented {@code ...EXAMPLE} keys. Used by
 * the secret recognizers to keep documentation and templates quiet. Stateless.
 */
public final class Placeholders {
    private static final Set<String> EXACT = Set.of("password", "passwd", "secret", "token", "changeme", "change_me",
            "change-me", "admin", "root", "null", "none", "nil", "true", "false", "undefined", "empty", "default",
            "redacted", "hidden", "masked", "todo", "tbd", "placeholder", "example", "sample", "dummy", "test", "foo",
            "bar", "foobar", "mypassword", "yourpassword", "secretkey", "apikey", "api_key", "pass", "string");
    private static final String[] MARKERS = {"xxxx", "****", "....", "your_", "your-", "yourkey", "your key",
        "example", "changeme", "change_me", "change-me", "placeholder", "dummy", "redacted", "replace", "insert_",
        "insert-", "<", ">", "${", "{{", "}}", "#{", "%(", "$(", "…", "0000000000", "1234567890", "abcdefgh",
        "lorem", "fake", "sample", "not_a_real", "not-a-real", "notreal"};

    private Placeholders() {}

    public static boolean isPlaceholder(CharSequence value) {
        String lower = value.toString().toLowerCase(Locale.ROOT);
        if (lower.isEmpty() || EXACT.contains(lower)) {
            return true;
        }
        char first = lower.charAt(0);
        if (first == '$' || first == '%' || first == '@' && lower.length() > 1 && lower.charAt(1) == '{') {
            return true; // $VAR, %(name)s, @{ref}: an indirection, not a value
        }
        for (String marker : MARKERS) {
            if (lower.contains(marker)) {
                return true;
            }
        }
        return Chars.allSame(lower, 0, lower.length());
    }
}
