package dev.hearth.privacy.phi;

import dev.hearth.privacy.Recognizer;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.text.Chars;
import dev.hearth.privacy.text.Phrases;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code HEALTH_PLAN_ID}: a member, subscriber, policy or Medicare/Medicaid id right after its label ("Member ID",
 * "policy #", "subscriber no", "MBI", "insurance ID", "health plan ID"): 6-20 upper-case letters, digits and dashes
 * with at least four digits ({@code XJH448812901}, {@code 1EG4-TE5-MK73}). Stateless, thread-safe.
 */
public final class HealthPlanIdRecognizer implements Recognizer {
    private static final IdentifierAfterCue SCANNER = new IdentifierAfterCue(SpanTypes.HEALTH_PLAN_ID,
            Phrases.ignoringCase("member id", "member #", "member no", "member no.", "member number", "subscriber id",
                    "subscriber #", "subscriber no", "subscriber number", "policy number", "policy #", "policy no",
                    "policy no.", "policy id", "insurance id", "insurance #", "insurance number", "health plan id",
                    "health plan number", "plan id", "plan member id", "medicare number", "medicare id", "medicare #",
                    "mbi", "medicaid id", "medicaid number", "medicaid #", "beneficiary id", "group id", "group number"),
            Pattern.compile("[A-Z0-9][A-Z0-9-]{4,18}[A-Z0-9](?![0-9A-Za-z-])"), 20,
            value -> Chars.countDigits(value, 0, value.length()) >= 4 && !value.contains("--"));

    @Override
    public List<Span> find(CharSequence text) {
        return SCANNER.find(text);
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.HEALTH_PLAN_ID);
    }
}
