package dev.hearth.privacy.pii;

import dev.hearth.privacy.Recognizer;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.text.Anchors;
import dev.hearth.privacy.text.Phrases;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code UK_NINO}, the UK National Insurance number: two prefix letters (D, F, I, Q, U, V never; O never second; BG,
 * GB, KN, NK, NT, TN, ZZ never as a pair), six digits, suffix A-D. The number has no check digit, so the compact form
 * ({@code QQ123456C}), which part numbers can imitate, counts only next to a cue ("national insurance", "NINO", "NI
 * number"); the spaced form ({@code QQ 12 34 56 C}) stands on its own. Stateless, thread-safe.
 */
public final class UkNinoRecognizer implements Recognizer {
    private static final Pattern CANDIDATE = Pattern.compile("(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])"
            + "( ?)[0-9]{2}\\2[0-9]{2}\\2[0-9]{2}\\2[A-D](?![A-Za-z0-9])");
    private static final Set<String> BAD_PREFIXES = Set.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ");
    private static final Phrases CUES = Phrases.ignoringCase("national insurance", "national insurance number",
            "nino", "ni number", "ni no", "ni no.", "ni #", "nin");

    @Override
    public List<Span> find(CharSequence text) {
        List<Span> out = new ArrayList<>();
        Matcher m = Anchors.transparent(CANDIDATE.matcher(text));
        int n = text.length();
        Anchors.capitalStarts(text, at -> {
            if (at + 3 >= n || !Character.isUpperCase(text.charAt(at + 1)) || !Anchors.matchAt(m, text, at, 14)
                    || BAD_PREFIXES.contains(m.group(1))) {
                return;
            }
            if (m.group(2).equals(" ") || CUES.anyIn(text, Math.max(0, m.start() - 40), m.start())) {
                out.add(new Span(SpanTypes.UK_NINO, m.start(), m.end()));
            }
        });
        return out;
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.UK_NINO);
    }
}
