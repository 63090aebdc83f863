package dev.hearth.privacy.pii;

import dev.hearth.privacy.Recognizer;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.text.Anchors;
import dev.hearth.privacy.text.Checksums;
import dev.hearth.privacy.text.Chars;
import dev.hearth.privacy.text.Phrases;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code DE_TAX_ID}, the German tax identification number (Steuer-IdNr): 11 digits, plain or grouped 2-3-3-3, not
 * starting with 0; among the first ten digits exactly one repeats (twice, or three times but not three in a row) and
 * the others appear at most once; the last digit is the ISO 7064 MOD 11,10 check digit. Because one random 11-digit
 * number in ten passes the check, a cue ("Steuer-ID", "IdNr", "tax id") within 50 chars before is required.
 * Stateless, thread-safe.
 */
public final class DeTaxIdRecognizer implements Recognizer {
    private static final Pattern CANDIDATE =
            Pattern.compile("(?<![0-9])[1-9][0-9]( ?)[0-9]{3}\\1[0-9]{3}\\1[0-9]{3}(?![0-9])");
    private static final Phrases CUES = Phrases.ignoringCase("steuer-id", "steuerid", "steuer-idnr", "steuer-idnr.",
            "steueridentifikationsnummer", "steuerliche identifikationsnummer", "identifikationsnummer", "idnr",
            "idnr.", "id-nr", "id-nr.", "tax id", "tax identification number", "tin", "tax number", "steuernummer");

    @Override
    public List<Span> find(CharSequence text) {
        List<Span> out = new ArrayList<>();
        Matcher m = Anchors.transparent(CANDIDATE.matcher(text));
        Anchors.digitRuns(text, "", 11, 14, at -> {
            if (Anchors.matchAt(m, text, at, 14) && valid(Chars.digits(text, m.start(), m.end()))
                    && CUES.anyIn(text, Math.max(0, m.start() - 50), m.start())) {
                out.add(new Span(SpanTypes.DE_TAX_ID, m.start(), m.end()));
            }
        });
        return out;
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.DE_TAX_ID);
    }

    static boolean valid(String digits) {
        int[] counts = new int[10];
        for (int i = 0; i < 10; i++) {
            counts[digits.charAt(i) - '0']++;
        }
        int repeated = -1;
        for (int d = 0; d < 10; d++) {
            if (counts[d] > 3 || (counts[d] > 1 && repeated >= 0)) {
                return false;
            }
            if (counts[d] > 1) {
                repeated = d;
            }
        }
        if (repeated < 0) {
            return false;
        }
        if (counts[repeated] == 3) {
            for (int i = 0; i + 2 < 10; i++) {
                char c = digits.charAt(i);
                if (c - '0' == repeated && digits.charAt(i + 1) == c && digits.charAt(i + 2) == c) {
                    return false;
                }
            }
        }
        return Checksums.iso7064Mod11x10(digits);
    }
}
