package dev.hearth.cli;

import dev.hearth.privacy.custom.CustomRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --keyword NAME=PHRASE} and {@code --pattern NAME=REGEX}, repeatable, grouped into one custom rule per NAME. */
final class RuleOptions {
    @Option(names = "--keyword", paramLabel = "NAME=PHRASE",
            description = "Custom rule keyword (case-insensitive, whole words); reported as CUSTOM:NAME. Repeatable.")
    List<String> keywords = new ArrayList<>();

    @Option(names = "--pattern", paramLabel = "NAME=REGEX",
            description = "Custom rule regular expression (Java syntax); reported as CUSTOM:NAME. Repeatable.")
    List<String> patterns = new ArrayList<>();

    /** @throws IllegalArgumentException for a value without NAME= or a rule that {@link CustomRules} refuses */
    List<CustomRules> rules() {
        Map<String, List<String>> words = new LinkedHashMap<>();
        Map<String, List<String>> regexes = new LinkedHashMap<>();
        split(keywords, "--keyword", words, regexes);
        split(patterns, "--pattern", regexes, words);
        List<CustomRules> rules = new ArrayList<>();
        for (String name : words.keySet()) {
            rules.add(new CustomRules(name, words.get(name), regexes.get(name)));
        }
        return rules;
    }

    private static void split(List<String> values, String option, Map<String, List<String>> into,
            Map<String, List<String>> other) {
        for (String value : values) {
            int eq = value.indexOf('=');
            if (eq <= 0 || eq == value.length() - 1) {
                throw new IllegalArgumentException(option + " expects NAME=VALUE, got: " + value);
            }
            String name = value.substring(0, eq);
            into.computeIfAbsent(name, k -> new ArrayList<>()).add(value.substring(eq + 1));
            other.computeIfAbsent(name, k -> new ArrayList<>());
        }
    }
}
