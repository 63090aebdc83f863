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
 * {@code US_SSN}: area-group-serial ({@code AAA-GG-SSSS}) under the Social Security Administration's rules: area not
 * 000, 666 or 900-999, group not 00, serial not 0000, and not one of the famous specimen numbers (078-05-1120,
 * 219-09-9999, 123-45-6789). The dashed form stands on its own; the spaced and the bare nine-digit forms need a cue
 * ("SSN", "social security") within 40 chars before. Stateless, thread-safe.
 */
public final class UsSsnRecognizer implements Recognizer {
    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![0-9A-Za-z-])([0-9]{3})([- ]?)([0-9]{2})\\2([0-9]{4})(?![0-9A-Za-z]|-[0-9])");
    private static final Phrases CUES = Phrases.ignoringCase("ssn", "ssn#", "ss#", "ss #", "social security",
            "social security number", "social security no", "soc sec", "taxpayer id", "tin");
    private static final Set<String> SPECIMENS = Set.of("078051120", "219099999", "123456789");

    @Override
    public List<Span> find(CharSequence text) {
        List<Span> out = new ArrayList<>();
        Matcher m = Anchors.transparent(CANDIDATE.matcher(text));
        Anchors.digitRuns(text, "-", 9, 11, at -> {
            if (Anchors.matchAt(m, text, at, 11) && valid(m)
                    && (m.group(2).equals("-") || CUES.anyIn(text, Math.max(0, m.start() - 40), m.start()))) {
                out.add(new Span(SpanTypes.US_SSN, m.start(), m.end()));
            }
        });
        return out;
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.US_SSN);
    }

    private static boolean valid(Matcher m) {
        int area = Integer.parseInt(m.group(1));
        int group = Integer.parseInt(m.group(3));
        int serial = Integer.parseInt(m.group(4));
        if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
            return false;
        }
        return !SPECIMENS.contains(m.group(1) + m.group(3) + m.group(4));
    }
}
