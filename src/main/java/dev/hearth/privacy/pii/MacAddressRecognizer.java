package dev.hearth.privacy.pii;

import dev.hearth.privacy.Recognizer;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.text.Anchors;
import dev.hearth.privacy.text.Chars;
import dev.hearth.privacy.text.Phrases;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code MAC_ADDRESS}: six hex pairs separated consistently by {@code :} or {@code -}, or Cisco's three dotted
 * quads ({@code 001a.2b3c.4d5e}) next to a "MAC" cue. The all-zero and broadcast addresses are not reported.
 * Stateless, thread-safe.
 */
public final class MacAddressRecognizer implements Recognizer {
    private static final Pattern PAIRS = Pattern.compile(
            "(?<![0-9A-Za-z:-])[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\\1[0-9A-Fa-f]{2}){4}(?![0-9A-Za-z]|[:-][0-9A-Fa-f])");
    private static final Pattern DOTTED =
            Pattern.compile("(?<![0-9A-Za-z.])[0-9a-fA-F]{4}\\.[0-9a-fA-F]{4}\\.[0-9a-fA-F]{4}(?![0-9A-Za-z]|\\.[0-9A-Za-z])");
    private static final Phrases CUES = Phrases.ignoringCase("mac", "mac address", "hwaddr", "ether", "bssid");

    @Override
    public List<Span> find(CharSequence text) {
        List<Span> out = new ArrayList<>();
        Matcher pairs = Anchors.transparent(PAIRS.matcher(text));
        Matcher dotted = Anchors.transparent(DOTTED.matcher(text));
        int n = text.length();
        for (int i = 0; i + 5 < n; i++) {
            if (!Chars.isHexDigit(text.charAt(i)) || (i > 0 && Chars.isHexDigit(text.charAt(i - 1)))) {
                continue;
            }
            char third = text.charAt(i + 2);
            if ((third == ':' || third == '-') && Anchors.matchAt(pairs, text, i, 17)) {
                String compact = pairs.group().replace(":", "").replace("-", "").toLowerCase(Locale.ROOT);
                if (!compact.equals("000000000000") && !compact.equals("ffffffffffff")) {
                    out.add(new Span(SpanTypes.MAC_ADDRESS, pairs.start(), pairs.end()));
                }
            } else if (text.charAt(i + 4) == '.' && Anchors.matchAt(dotted, text, i, 14)
                    && CUES.anyIn(text, Math.max(0, i - 30), i)) {
                out.add(new Span(SpanTypes.MAC_ADDRESS, dotted.start(), dotted.end()));
            }
        }
        return out;
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.MAC_ADDRESS);
    }
}
