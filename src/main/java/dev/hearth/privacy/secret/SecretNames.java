package dev.hearth.privacy.secret;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether an identifier names a secret, by its last words: {@code DB_PASSWORD}, {@code apiKey},
 * {@code client-secret}, {@code GITHUB_TOKEN} do; {@code password_field}, {@code tokenizer}, {@code max_tokens},
 * {@code primary_key}, {@code token_type}, {@code passwordHint} do not. Words are split on {@code _ - .} and
 * camelCase. Stateless.
 */
final class SecretNames {
    private static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "pwd", "pass", "passphrase",
            "secret", "token", "apikey", "credential", "credentials", "pat", "authtoken", "accesstoken", "secretkey");
    /** "key" names a secret only after one of these. */
    private static final Set<String> KEY_QUALIFIERS = Set.of("api", "access", "secret", "private", "signing",
            "encryption", "master", "auth", "client", "app", "service", "license", "admin", "account", "hmac",
            "webhook", "subscription", "x");

    private SecretNames() {}

    static boolean namesSecret(CharSequence identifier) {
        List<String> words = words(identifier);
        if (words.isEmpty()) {
            return false;
        }
        String last = words.get(words.size() - 1);
        if (SECRET_WORDS.contains(last)) {
            return true;
        }
        return last.equals("key") && words.size() >= 2 && KEY_QUALIFIERS.contains(words.get(words.size() - 2));
    }

    static List<String> words(CharSequence identifier) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            boolean split = c == '_' || c == '-' || c == '.' || c == ' ';
            boolean camel = Character.isUpperCase(c) && i > 0 && Character.isLowerCase(identifier.charAt(i - 1));
            if (split || camel) {
                flush(word, words);
            }
            if (!split) {
                word.append(c);
            }
        }
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString().toLowerCase(Locale.ROOT));
            word.setLength(0);
        }
    }
}
