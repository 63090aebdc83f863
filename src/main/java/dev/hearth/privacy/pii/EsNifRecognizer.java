package dev.hearth.privacy.pii;

import dev.hearth.privacy.Recognizer;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.text.Anchors;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ES_NIF}, the Spanish personal tax number: a DNI (eight digits and a control letter) or an NIE (X, Y or Z,
 * seven digits, control letter), optionally with a dash or space before the letter. The letter must equal
 * {@code "TRWAGMYFPDXBNJZSQVHLCKE"[number mod 23]} (NIE prefixes count as 0, 1, 2), so one random candidate in 23
 * passes; all-zero numbers are rejected. Stateless, thread-safe.
 */
public final class EsNifRecognizer implements Recognizer {
    private static final String LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
    private static final Pattern CANDIDATE =
            Pattern.compile("(?<![A-Za-z0-9-])([XYZ][- ]?[0-9]{7}|[0-9]{8})[- ]?([A-Z])(?![A-Za-z0-9])");

    @Override
    public List<Span> find(CharSequence text) {
        List<Span> out = new ArrayList<>();
        Matcher m = Anchors.transparent(CANDIDATE.matcher(text));
        IntConsumer tryAt = at -> {
            if (Anchors.matchAt(m, text, at, 12) && valid(m.group(1), m.group(2).charAt(0))) {
                out.add(new Span(SpanTypes.ES_NIF, m.start(), m.end()));
            }
        };
        Anchors.digitRuns(text, "-", 8, 8, tryAt);
        Anchors.capitalStarts(text, at -> {
            char c = text.charAt(at);
            if (c >= 'X' && c <= 'Z') {
                tryAt.accept(at);
            }
        });
        return out;
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.ES_NIF);
    }

    static boolean valid(String number, char letter) {
        String digits = number.replace("-", "").replace(" ", "");
        char first = digits.charAt(0);
        if (first == 'X' || first == 'Y' || first == 'Z') {
            digits = (first - 'X') + digits.substring(1);
        }
        int value = Integer.parseInt(digits);
        return value != 0 && LETTERS.charAt(value % 23) == letter;
    }
}
