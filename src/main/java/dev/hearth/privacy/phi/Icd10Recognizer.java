package dev.hearth.privacy.phi;

import dev.hearth.privacy.Recognizer;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.text.Anchors;
import dev.hearth.privacy.text.Chars;
import dev.hearth.privacy.text.Phrases;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ICD10_CODE}: a chapter letter, two digits (or digit + A/B as in C4A, D3A, M1A, Z3A... for the third char),
 * and optionally a dot with one to four further chars ({@code E11.9}, {@code J45.909}, {@code F32.A}). Spreadsheet
 * cells ({@code A10}), part numbers and vitamin names look the same, so a code counts only with a diagnosis cue
 * ("ICD-10", "diagnosis", "dx", "diagnosed", "assessment") within 60 chars, or, for the dotted form, in a
 * {@linkplain ClinicalContext clinical context}. Stateless, thread-safe.
 */
public final class Icd10Recognizer implements Recognizer {
    private static final Pattern CODE =
            Pattern.compile("(?<![0-9A-Za-z.\\-])[A-Z][0-9][0-9AB](?:\\.[0-9A-Z]{1,4})?(?![0-9A-Za-z]|\\.[0-9A-Za-z])");
    private static final Phrases CUES = Phrases.ignoringCase("icd", "icd-10", "icd10", "icd-10-cm", "icd code",
            "diagnosis", "diagnoses", "diagnosis code", "dx", "dx code", "diagnosed", "assessment", "impression",
            "problem list", "billing code", "coded as", "code", "codes");
    private static final int WINDOW = 60;

    @Override
    public List<Span> find(CharSequence text) {
        List<Span> out = new ArrayList<>();
        Matcher m = Anchors.transparent(CODE.matcher(text));
        int n = text.length();
        Anchors.capitalStarts(text, at -> {
            if (at + 2 >= n || !Chars.isAsciiDigit(text.charAt(at + 1)) || !Anchors.matchAt(m, text, at, 8)) {
                return;
            }
            int from = Math.max(0, m.start() - WINDOW);
            int to = Math.min(text.length(), m.end() + WINDOW);
            boolean cue = CUES.anyIn(text, from, m.start()) || CUES.anyIn(text, m.end(), to);
            boolean dotted = m.end() - m.start() > 3;
            if (cue || (dotted && ClinicalContext.around(text, m.start(), m.end()))) {
                out.add(new Span(SpanTypes.ICD10_CODE, m.start(), m.end()));
            }
        });
        return out;
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.ICD10_CODE);
    }
}
