package dev.hearth.privacy.secret;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One vendor token format: literal prefixes that start it, a pattern for the whole token (prefix included) matched
 * anchored at each prefix occurrence, and an optional extra check on the matched value.
 *
 * @param type     span type reported
 * @param prefixes case-sensitive literal starts; each occurrence is a candidate
 * @param token    the complete token, with bounded repetitions only; matched with {@code lookingAt}
 * @param maxLength longest possible token, bounds the region the pattern may see
 * @param check    extra validation of the matched token (placeholder and shape checks)
 */
public record TokenRule(String type, List<String> prefixes, Pattern token, int maxLength, Predicate<String> check) {
    public TokenRule {
        prefixes = List.copyOf(prefixes);
    }

    static TokenRule of(String type, String regex, int maxLength, String... prefixes) {
        return new TokenRule(type, List.of(prefixes), Pattern.compile(regex), maxLength, value -> true);
    }

    TokenRule withCheck(Predicate<String> extra) {
        return new TokenRule(type, prefixes, token, maxLength, extra);
    }
}
