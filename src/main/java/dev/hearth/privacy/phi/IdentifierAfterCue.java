package dev.hearth.privacy.phi;

import dev.hearth.privacy.Span;
import dev.hearth.privacy.text.Phrases;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape shared by identifiers that only mean something next to their label ("MRN: 00123456", "Member ID
 * XJH-448812"): for each cue, the value pattern must match within a few separator chars after it. Stateless.
 */
final class IdentifierAfterCue {
    private static final int MAX_GAP = 6;
    private static final String SEPARATORS = " \t:#=-.\u00A0";

    private final String type;
    private final Phrases cues;
    private final Pattern value;
    private final int maxValue;
    private final Predicate<String> check;

    IdentifierAfterCue(String type, Phrases cues, Pattern value, int maxValue, Predicate<String> check) {
        this.type = type;
        this.cues = cues;
        this.value = value;
        this.maxValue = maxValue;
        this.check = check;
    }

    List<Span> find(CharSequence text) {
        List<Span> out = new ArrayList<>();
        Matcher m = value.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        cues.forEach(text, (cueStart, cueEnd) -> {
            int from = cueEnd;
            while (from < text.length() && from - cueEnd < MAX_GAP && SEPARATORS.indexOf(text.charAt(from)) >= 0) {
                from++;
            }
            for (String filler : new String[] {"is ", "number ", "no. ", "no ", "# "}) {
                if (text.length() - from >= filler.length()
                        && text.subSequence(from, from + filler.length()).toString().equalsIgnoreCase(filler)) {
                    from += filler.length();
                    while (from < text.length() && from - cueEnd < 2 * MAX_GAP + 8
                            && SEPARATORS.indexOf(text.charAt(from)) >= 0) {
                        from++;
                    }
                }
            }
            m.region(from, Math.min(text.length(), from + maxValue));
            if (m.lookingAt() && check.test(m.group())) {
                out.add(new Span(type, m.start(), m.end()));
            }
        });
        return out;
    }
}
