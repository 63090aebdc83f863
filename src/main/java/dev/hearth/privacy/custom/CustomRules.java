package dev.hearth.privacy.custom;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An organisation's own detection rule, producing spans of type {@code CUSTOM:<name>}: for example
 * {@code new CustomRules("project", List.of("Project Bluebird", "Falcon-9 rollout"), List.of("PRJ-[0-9]{4}"))}.
 *
 * <p>Keywords match case-insensitively as whole words; a space in a keyword matches any run of whitespace. Patterns
 * are Java regular expressions, matched as written (add {@code (?i)} for case-insensitivity). Because a configured
 * pattern may backtrack badly, each pattern gets a step budget per scanned text; see {@link CustomRecognizer}.
 *
 * @param name     {@code [A-Za-z0-9_.-]}, 1-64 chars; the span type is {@code CUSTOM:} + name
 * @param keywords words or phrases; may be empty
 * @param patterns regular expressions; may be empty, but not both lists
 * @throws IllegalArgumentException for a bad name, a blank keyword, an empty rule or a pattern that does not compile
 *                                  or matches the empty string (the message names the rule and the pattern's index)
 */
public record CustomRules(String name, List<String> keywords, List<String> patterns) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public CustomRules {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("custom rule name must be 1-64 of [A-Za-z0-9_.-], got: " + name);
        }
        keywords = List.copyOf(keywords);
        patterns = List.copyOf(patterns);
        if (keywords.isEmpty() && patterns.isEmpty()) {
            throw new IllegalArgumentException("custom rule " + name + " has neither keywords nor patterns");
        }
        for (String keyword : keywords) {
            if (keyword.isBlank()) {
                throw new IllegalArgumentException("custom rule " + name + " has a blank keyword");
            }
        }
        for (int i = 0; i < patterns.size(); i++) {
            try {
                if (Pattern.compile(patterns.get(i)).matcher("").matches()) {
                    throw new IllegalArgumentException("custom rule " + name + " pattern " + i
                            + " matches the empty string");
                }
            } catch (PatternSyntaxException bad) {
                throw new IllegalArgumentException("custom rule " + name + " pattern " + i + " does not compile: "
                        + bad.getDescription(), bad);
            }
        }
    }

    /** A rule with keywords only. */
    public static CustomRules keywords(String name, String... keywords) {
        return new CustomRules(name, List.of(keywords), List.of());
    }

    public String type() {
        return dev.hearth.privacy.SpanTypes.CUSTOM_PREFIX + name;
    }
}
