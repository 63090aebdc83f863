package dev.hearth.privacy;

import java.util.Comparator;
import java.util.Objects;

/**
 * One detected (or labelled) stretch of sensitive text.
 *
 * <p>Offsets are UTF-16 code-unit indices into the scanned text, exactly Java {@link String} indices: {@code start}
 * inclusive, {@code end} exclusive, so {@code text.substring(start, end)} is the sensitive value. A span never holds
 * the value itself, so logging a span leaks nothing but its position and type.
 *
 * @param type  a type name from {@link SpanTypes} (for example {@code EMAIL_ADDRESS}) or {@code CUSTOM:<name>}
 * @param start first char, inclusive, {@code >= 0}
 * @param end   last char, exclusive, {@code > start}
 */
public record Span(String type, int start, int end) implements Comparable<Span> {

    /** Text order: by start, then longer first, then type name, so sorting is total and deterministic. */
    public static final Comparator<Span> TEXT_ORDER = Comparator.comparingInt(Span::start)
            .thenComparing(Comparator.comparingInt(Span::end).reversed())
            .thenComparing(Span::type);

    public Span {
        Objects.requireNonNull(type, "type");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("span must satisfy 0 <= start < end, got [" + start + ", " + end + ")");
        }
    }

    public int length() {
        return end - start;
    }

    /** The data class of this span's type; see {@link SpanTypes#dataClass(String)}. */
    public DataClass dataClass() {
        return SpanTypes.dataClass(type);
    }

    public boolean overlaps(Span other) {
        return start < other.end && other.start < end;
    }

    public boolean contains(Span other) {
        return start <= other.start && other.end <= end;
    }

    @Override
    public int compareTo(Span other) {
        return TEXT_ORDER.compare(this, other);
    }
}
