package dev.hearth.privacy.phi;

import dev.hearth.privacy.Recognizer;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.text.Checksums;
import dev.hearth.privacy.text.Phrases;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code NPI}, the US National Provider Identifier: ten digits starting with 1 or 2 whose Luhn check holds once the
 * card-issuer prefix 80840 is put in front, right after a cue ("NPI", "national provider identifier", "prescriber
 * NPI"). Stateless, thread-safe.
 */
public final class NpiRecognizer implements Recognizer {
    private static final IdentifierAfterCue SCANNER = new IdentifierAfterCue(SpanTypes.NPI,
            Phrases.ignoringCase("npi", "npi#", "npi #", "npi no", "npi number", "national provider identifier",
                    "national provider id", "provider npi", "prescriber npi", "billing npi", "rendering npi"),
            Pattern.compile("[12][0-9]{9}(?![0-9A-Za-z])"), 10, NpiRecognizer::valid);

    @Override
    public List<Span> find(CharSequence text) {
        return SCANNER.find(text);
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.NPI);
    }

    static boolean valid(String digits) {
        return Checksums.luhn("80840" + digits);
    }
}
