package dev.hearth.privacy.phi;

import dev.hearth.privacy.Recognizer;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.text.Phrases;
import dev.hearth.privacy.text.WordLists;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code MEDICATION} and {@code DIAGNOSIS}: terms from two small dictionaries ({@code medications.txt},
 * {@code diagnoses.txt}, case-insensitive, whole words), reported only in a {@linkplain ClinicalContext clinical
 * context}, because "Python", "asthma research" or "a depression in the terrain" are not health data about a person.
 * Stateless, thread-safe.
 */
public final class ClinicalTermRecognizer implements Recognizer {
    private static final Phrases MEDICATIONS = Phrases.ignoringCase(WordLists.load("medications.txt"));
    private static final Phrases DIAGNOSES = Phrases.ignoringCase(WordLists.load("diagnoses.txt"));

    @Override
    public List<Span> find(CharSequence text) {
        List<Span> out = new ArrayList<>();
        collect(text, MEDICATIONS, SpanTypes.MEDICATION, out);
        collect(text, DIAGNOSES, SpanTypes.DIAGNOSIS, out);
        return out;
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.MEDICATION, SpanTypes.DIAGNOSIS);
    }

    private static void collect(CharSequence text, Phrases terms, String type, List<Span> out) {
        terms.forEach(text, (start, end) -> {
            if (ClinicalContext.around(text, start, end)) {
                out.add(new Span(type, start, end));
            }
        });
    }
}
