package dev.hearth.privacy;

import dev.hearth.privacy.text.WordStarts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs every {@link Recognizer} over a text and returns non-overlapping spans in text order.
 *
 * <p>Overlap rule (deterministic): candidates are ranked by
 * <ol>
 *   <li>{@link Specificity} of their type, strongest first ({@code VERIFIED} before {@code CHECKSUM} before
 *       {@code FORMAT} before {@code CONTEXT} before {@code HEURISTIC});</li>
 *   <li>then length, longer first;</li>
 *   <li>then start offset, earlier first;</li>
 *   <li>then type name, alphabetically.</li>
 * </ol>
 * and accepted greedily in that order; a candidate overlapping an accepted span is dropped whole. So a Luhn-valid card
 * number beats a phone number over the same digits, a connection string beats the e-mail-like {@code user@host}
 * inside it, and an address beats a city name inside it. Identical candidates from two recognizers collapse to one.
 *
 * <p>Recognizers run in list order, and each is handed the candidates of those before it
 * ({@link Recognizer#find(CharSequence, List)}), so a costly one can skip text that a stronger type already covers.
 *
 * <p>Failure behaviour: a recognizer returning a span outside the text or of an unknown type is a programming error
 * and raises {@link IllegalStateException} (the message names the recognizer, never the text).
 *
 * <p>Threading: immutable and thread-safe. Per call it allocates the candidates, the ranking and the result, plus
 * what recognizers need for their matches and the text's word starts ({@link WordStarts}, shared by the dictionaries
 * during the call); nothing is cached between calls.
 */
public final class Detector {
    private static final Comparator<Span> PRECEDENCE = Comparator
            .comparing((Span s) -> SpanTypes.specificity(s.type()))
            .thenComparing(Comparator.comparingInt(Span::length).reversed())
            .thenComparingInt(Span::start)
            .thenComparing(Span::type);

    private final List<Recognizer> recognizers;
    private final List<Set<String>> declared;

    /**
     * @throws IllegalArgumentException when a recognizer declares a type that {@link SpanTypes} does not know
     */
    public Detector(List<Recognizer> recognizers) {
        this.recognizers = List.copyOf(recognizers);
        this.declared = this.recognizers.stream().map(r -> Set.copyOf(r.types())).toList();
        for (Recognizer recognizer : this.recognizers) {
            for (String type : recognizer.types()) {
                if (!SpanTypes.isKnown(type)) {
                    throw new IllegalArgumentException(recognizer.getClass().getName() + " declares unknown type "
                            + type);
                }
            }
        }
    }

    public List<Recognizer> recognizers() {
        return recognizers;
    }

    /** Non-overlapping spans sorted by start offset; an empty list for empty text. Never null. */
    public List<Span> detect(CharSequence text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<Span> candidates = new ArrayList<>();
        List<Span> earlier = Collections.unmodifiableList(candidates);
        try (WordStarts words = WordStarts.open(text)) { // one pass over the words for all dictionaries
            for (int r = 0; r < recognizers.size(); r++) {
                Recognizer recognizer = recognizers.get(r);
                for (Span span : recognizer.find(text, earlier)) {
                    if (span.end() > text.length() || !declared.get(r).contains(span.type())) {
                        throw new IllegalStateException(recognizer.getClass().getName() + " returned a "
                                + span.type() + " span outside its contract");
                    }
                    candidates.add(span);
                }
            }
        }
        return resolve(candidates);
    }

    /** The overlap rule on its own (see the class comment); the input is not modified. */
    public static List<Span> resolve(List<Span> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<Span> ranked = new ArrayList<>(candidates);
        ranked.sort(PRECEDENCE);
        TreeMap<Integer, Span> accepted = new TreeMap<>();
        for (Span span : ranked) {
            Map.Entry<Integer, Span> before = accepted.floorEntry(span.start());
            if (before != null && before.getValue().end() > span.start()) {
                continue;
            }
            Map.Entry<Integer, Span> after = accepted.ceilingEntry(span.start());
            if (after != null && after.getValue().start() < span.end()) {
                continue;
            }
            accepted.put(span.start(), span);
        }
        return List.copyOf(accepted.values());
    }
}
