package dev.hearth.privacy.custom;

import dev.hearth.privacy.Recognizer;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.text.Phrases;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies one {@link CustomRules}: every keyword occurrence and every pattern match becomes a {@code CUSTOM:<name>}
 * span.
 *
 * <p>Failure behaviour, fail closed: each pattern may read at most {@value #STEPS_PER_CHAR} chars per char of text
 * (plus a fixed allowance). A pattern that exhausts this budget has backtracked pathologically; rather than hang or
 * throw, the recognizer reports the rest of the text, from where that pattern's last search began, as one span of the
 * rule's type, so a caller that masks spans masks too much rather than too little.
 *
 * <p>Threading: immutable and thread-safe (a fresh {@link Matcher} per call).
 */
public final class CustomRecognizer implements Recognizer {
    static final int STEPS_PER_CHAR = 200;
    private static final long FIXED_STEPS = 100_000;

    private final String type;
    private final Phrases keywords;
    private final List<Pattern> patterns;

    public CustomRecognizer(CustomRules rules) {
        this.type = rules.type();
        this.keywords = rules.keywords().isEmpty() ? null : Phrases.ignoringCase(rules.keywords());
        this.patterns = rules.patterns().stream().map(Pattern::compile).toList();
    }

    @Override
    public List<Span> find(CharSequence text) {
        List<Span> out = new ArrayList<>();
        if (keywords != null) {
            keywords.forEach(text, (start, end) -> out.add(new Span(type, start, end)));
        }
        for (Pattern pattern : patterns) {
            BudgetedText budgeted = new BudgetedText(text, FIXED_STEPS + (long) STEPS_PER_CHAR * text.length());
            Matcher m = pattern.matcher(budgeted);
            int searchFrom = 0;
            try {
                while (searchFrom <= text.length() && m.find(searchFrom)) {
                    if (m.end() > m.start()) {
                        out.add(new Span(type, m.start(), m.end()));
                    }
                    searchFrom = Math.max(m.end(), m.start() + 1);
                }
            } catch (BudgetedText.Exhausted exhausted) {
                if (searchFrom < text.length()) {
                    out.add(new Span(type, searchFrom, text.length()));
                }
            }
        }
        return out;
    }

    @Override
    public Set<String> types() {
        return Set.of(type);
    }
}
