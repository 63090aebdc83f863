package dev.hearth.privacy.phi;

import dev.hearth.privacy.Recognizer;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.text.Phrases;
import dev.hearth.privacy.text.WordLists;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code MEDICATION} and {@code DIAGNOSIS}: terms from two small dictionaries ({@code medications.txt},
 * {@code diagnoses.txt}, case-insensitive, whole words), reported only in a {@linkplain ClinicalContext clinical
 * context}, because "Python", "asthma research" or "a depression in the terrain" are not health data about a person.
 * Stateless, thread-safe.
 */
public final class ClinicalTermRecognizer implements Recognizer {
    private static final List<String> MEDICATIONS = WordLists.load("medications.txt");
    private static final List<String> DIAGNOSES = WordLists.load("diagnoses.txt");
    /** Both dictionaries in one pass; the matched term's normal form tells which one it came from. */
    private static final Phrases TERMS = Phrases.ignoringCase(concat(MEDICATIONS, DIAGNOSES));
    private static final Set<String> MEDICATION_FORMS = normalForms(MEDICATIONS);

    @Override
    public List<Span> find(CharSequence text) {
        List<Span> out = new ArrayList<>();
        TERMS.forEach(text, (start, end) -> {
            if (ClinicalContext.around(text, start, end)) {
                boolean medication = MEDICATION_FORMS.contains(normal(text.subSequence(start, end)));
                out.add(new Span(medication ? SpanTypes.MEDICATION : SpanTypes.DIAGNOSIS, start, end));
            }
        });
        return out;
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.MEDICATION, SpanTypes.DIAGNOSIS);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Set<String> normalForms(List<String> terms) {
        Set<String> forms = new HashSet<>();
        terms.forEach(term -> forms.add(normal(term)));
        return forms;
    }

    private static String normal(CharSequence term) {
        return term.toString().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }
}
