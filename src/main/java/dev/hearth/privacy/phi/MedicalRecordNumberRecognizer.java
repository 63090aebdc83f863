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
 * {@code MEDICAL_RECORD_NUMBER}: an id of 5-12 digits, optionally with up to three letters and a dash in front
 * ({@code MRN-0048213}, {@code H1234567}), right after a cue ("MRN", "medical record number", "MR#", "patient ID",
 * "chart number", "hospital number"). MRN formats are local to each hospital, so the cue is what makes it one.
 * Stateless, thread-safe.
 */
public final class MedicalRecordNumberRecognizer implements Recognizer {
    private static final IdentifierAfterCue SCANNER = new IdentifierAfterCue(SpanTypes.MEDICAL_RECORD_NUMBER,
            Phrases.ignoringCase("mrn", "mrn#", "mr#", "mr #", "mr no", "mr no.", "medical record", "medical record number",
                    "medical record no", "medical record no.", "medical record #", "med rec", "med rec #",
                    "patient id", "patient #", "patient no", "patient number", "chart number", "chart #", "chart no",
                    "hospital number", "hospital no", "hospital no.", "record number", "record #", "unit number",
                    "emr id", "ehr id"),
            Pattern.compile("(?:[A-Z]{1,3}-?)?[0-9]{5,12}(?![0-9A-Za-z])"), 20,
            value -> Chars.countDigits(value, 0, value.length()) >= 5 && !Chars.allSame(value, 0, value.length()));

    @Override
    public List<Span> find(CharSequence text) {
        return SCANNER.find(text);
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.MEDICAL_RECORD_NUMBER);
    }
}
