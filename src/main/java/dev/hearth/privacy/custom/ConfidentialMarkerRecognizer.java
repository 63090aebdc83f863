package dev.hearth.privacy.custom;

import dev.hearth.privacy.Recognizer;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.text.Phrases;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code CONFIDENTIAL_MARKER}: the phrases documents carry when their authors mark them confidential ("privileged &
 * confidential", "attorney-client privileged", "internal use only", "do not distribute", ...) and a standalone
 * upper-case {@code CONFIDENTIAL} banner. Lower-case "confidential" in running prose is not a marker. Organisations
 * add their own markers as {@link CustomRules}. Stateless, thread-safe.
 */
public final class ConfidentialMarkerRecognizer implements Recognizer {
    private static final Phrases MARKERS = Phrases.ignoringCase("privileged and confidential",
            "privileged & confidential", "confidential and privileged", "confidential & privileged",
            "attorney-client privileged", "attorney-client privilege", "attorney client privileged",
            "attorney work product", "strictly confidential", "highly confidential", "confidential and proprietary",
            "proprietary and confidential", "company confidential", "internal use only", "for internal use only",
            "do not distribute", "not for distribution", "not for external distribution",
            "under nda", "subject to nda", "trade secret", "streng vertraulich", "nur für den internen gebrauch");
    private static final Phrases BANNERS = Phrases.matchingCase(List.of("CONFIDENTIAL", "TOP SECRET"));

    @Override
    public List<Span> find(CharSequence text) {
        List<Span> out = new ArrayList<>();
        MARKERS.forEach(text, (start, end) -> out.add(new Span(SpanTypes.CONFIDENTIAL_MARKER, start, end)));
        BANNERS.forEach(text, (start, end) -> {
            if (!inCode(text, start, end)) {
                out.add(new Span(SpanTypes.CONFIDENTIAL_MARKER, start, end));
            }
        });
        return out;
    }

    /** {@code Level.CONFIDENTIAL}, {@code CONFIDENTIAL(3)}, {@code CONFIDENTIAL = 2}: a constant, not a banner. */
    private static boolean inCode(CharSequence text, int start, int end) {
        char before = start > 0 ? text.charAt(start - 1) : ' ';
        char after = end < text.length() ? text.charAt(end) : ' ';
        char afterNext = end + 1 < text.length() ? text.charAt(end + 1) : ' ';
        return before == '.' || after == '(' || after == ',' || after == '.' && afterNext != ' ' && afterNext != '\n'
                || after == ' ' && afterNext == '=' || after == '=';
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.CONFIDENTIAL_MARKER);
    }
}
