package dev.hearth.privacy.guard;

import dev.hearth.privacy.DataClass;
import dev.hearth.privacy.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the inspect stage found in one request: the data classes, and the spans per text slot (see
 * {@link RequestTexts}). Holds positions and type names only, never the sensitive values, so it is safe to log.
 * Immutable and thread-safe.
 */
public final class Inspection {
    /** A request with nothing found (shared: a clean request allocates no inspection). */
    public static final Inspection NONE = new Inspection(Map.of());

    /** The spans found in one slot. */
    public record Found(RequestTexts.Slot slot, List<Span> spans) {
        public Found {
            spans = List.copyOf(spans);
        }
    }

    private final Map<Integer, Found> bySlot;
    private final Set<DataClass> classes;

    private Inspection(Map<Integer, Found> bySlot) {
        this.bySlot = bySlot;
        EnumSet<DataClass> found = EnumSet.noneOf(DataClass.class);
        bySlot.values().forEach(f -> f.spans().forEach(span -> found.add(span.dataClass())));
        this.classes = Collections.unmodifiableSet(found);
    }

    /** An inspection of the given findings; slots without spans are left out. */
    public static Inspection of(List<Found> findings) {
        TreeMap<Integer, Found> bySlot = new TreeMap<>();
        for (Found found : findings) {
            if (!found.spans().isEmpty()) {
                bySlot.put(found.slot().index(), found);
            }
        }
        return bySlot.isEmpty() ? NONE : new Inspection(Collections.unmodifiableMap(bySlot));
    }

    public boolean isEmpty() {
        return bySlot.isEmpty();
    }

    /** The data classes found, in {@link DataClass} order. */
    public Set<DataClass> classes() {
        return classes;
    }

    /** The spans of slot {@code index}, empty when none. */
    public List<Span> spans(int index) {
        Found found = bySlot.get(index);
        return found == null ? List.of() : found.spans();
    }

    /** Every slot with spans, in visiting order. */
    public List<Found> findings() {
        return List.copyOf(bySlot.values());
    }

    /** The paths of the slots holding spans of {@code dataClass}, in visiting order (for refusal messages). */
    public List<String> paths(DataClass dataClass) {
        List<String> paths = new ArrayList<>();
        for (Found found : bySlot.values()) {
            if (found.spans().stream().anyMatch(span -> span.dataClass() == dataClass)) {
                paths.add(found.slot().path());
            }
        }
        return paths;
    }
}
