package dev.hearth.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the valid name an unknown one was probably meant to be: the same name in kebab-case
 * ({@code maxRetries}, {@code max_retries}), or one at most two edits away (Levenshtein distance).
 */
final class KeySuggestion {

    private static final int MAX_DISTANCE = 2;

    private KeySuggestion() {
    }

    static Optional<String> closest(String unknown, Collection<String> valid) {
        String kebab = kebab(unknown);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : valid) {
            int distance = candidate.equals(kebab) ? 0 : distance(unknown, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        // A short name is "two edits away" from almost anything; do not suggest unrelated words.
        boolean near = bestDistance <= MAX_DISTANCE && bestDistance < unknown.length() / 2 + 1;
        return near ? Optional.of(best) : Optional.empty();
    }

    static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replace('_', '-').toLowerCase(Locale.ROOT);
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
