package dev.hearth.privacy.pii;

import dev.hearth.privacy.Recognizer;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.text.Phrases;
import dev.hearth.privacy.text.WordLists;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code LOCATION}: a country or large city from a small gazetteer ({@code locations.txt}), reported only when a cue
 * about where a person is ends right before it ("lives in", "based in", "moved to", "born in", "hometown:",
 * "city:" ...). Without the cue, "Paris" in "the Paris agreement" or "Phoenix" as a project name stays quiet: the
 * point is people's whereabouts, not every place name. Stateless, thread-safe.
 */
public final class LocationRecognizer implements Recognizer {
    private static final Phrases PLACES = Phrases.matchingCase(WordLists.load("locations.txt"));
    private static final Phrases CUES = Phrases.ignoringCase("lives in", "living in", "live in", "based in",
            "located in", "moved to", "moving to", "relocated to", "relocating to", "relocate to", "born in",
            "resident of", "resides in", "residing in", "grew up in", "raised in", "from", "comes from", "is from",
            "traveling to", "travelling to", "travel to", "trip to", "flight to", "flying to", "flew to", "visiting",
            "visited", "stay in", "staying in", "hometown", "home town", "city", "country", "location",
            "place of birth", "nationality", "citizen of", "located at", "office in", "address in", "currently in",
            "back in", "went to", "fly to", "arriving in", "arrive in", "depart from", "departing from", "near");

    @Override
    public List<Span> find(CharSequence text) {
        List<Span> out = new ArrayList<>();
        PLACES.forEach(text, (start, end) -> {
            if (cueBefore(text, start)) {
                out.add(new Span(SpanTypes.LOCATION, start, end));
            }
        });
        return out;
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.LOCATION);
    }

    /** A cue ending 1-3 chars (space, colon) before {@code start}. */
    private static boolean cueBefore(CharSequence text, int start) {
        int j = start;
        while (j > 0 && start - j < 3 && " :\t\n".indexOf(text.charAt(j - 1)) >= 0) {
            j--;
        }
        return j < start && CUES.endsIn(text, j, j, 24);
    }
}
