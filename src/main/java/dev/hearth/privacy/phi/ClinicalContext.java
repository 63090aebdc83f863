package dev.hearth.privacy.phi;

import dev.hearth.privacy.text.Chars;
import dev.hearth.privacy.text.Phrases;

/**
 * Whether a stretch of text reads as clinical: words such as patient, diagnosed, prescribed, dose, history of, or a
 * dosage like {@code 500 mg} / {@code 10mcg}. The PHI dictionaries and ICD-10 codes count only in such a context.
 * Stateless.
 */
final class ClinicalContext {
    static final int WINDOW = 100;
    private static final Phrases CUES = Phrases.ignoringCase("patient", "patients", "pt", "pt.", "diagnosed",
            "diagnosis", "diagnoses", "dx", "prescribed", "prescription", "rx", "dose", "dosage", "tablet", "tablets",
            "capsule", "capsules", "daily", "bid", "tid", "qid", "prn", "qhs", "po", "taking", "started on",
            "history of", "hx", "h/o", "presents with", "presented with", "symptoms", "treated", "treatment",
            "therapy", "medication", "medications", "meds", "refill", "clinic", "admitted", "admission", "discharge",
            "discharged", "chief complaint", "assessment", "plan", "icd", "icd-10", "icd10", "physician", "nurse",
            "doctor", "mg", "mcg", "ml", "units", "injection", "infusion", "inhaler", "allergic", "allergies",
            "condition", "chronic", "acute", "comorbidities", "follow-up", "referral", "labs", "vitals");

    private ClinicalContext() {}

    /** True when a cue or a dosage appears within {@value #WINDOW} chars either side of {@code [start, end)}. */
    static boolean around(CharSequence text, int start, int end) {
        int from = Math.max(0, start - WINDOW);
        int to = Math.min(text.length(), end + WINDOW);
        return CUES.anyIn(text, from, start) || CUES.anyIn(text, end, to) || dosage(text, from, to);
    }

    /** A number directly followed by mg, mcg, ml or g ("500mg", "2.5 mg"). */
    private static boolean dosage(CharSequence text, int from, int to) {
        for (int i = from; i < to - 2; i++) {
            if (!Chars.isAsciiDigit(text.charAt(i))) {
                continue;
            }
            int j = i + 1;
            if (j < to && text.charAt(j) == ' ') {
                j++;
            }
            if (j + 1 < text.length() && text.charAt(j) == 'm' && (text.charAt(j + 1) == 'g' || text.charAt(j + 1) == 'l'
                    || text.charAt(j + 1) == 'c')) {
                return true;
            }
        }
        return false;
    }
}
