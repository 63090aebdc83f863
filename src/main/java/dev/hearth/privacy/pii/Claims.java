package dev.hearth.privacy.pii;

import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.Specificity;
import java.util.Arrays;
import java.util.List;

/**
 * The parts of a text already covered by earlier candidates that outrank a type (a stronger {@link Specificity}), as
 * sorted, merged intervals: a recognizer can treat them as gaps, since its spans there would lose the overlap rule.
 *
 * <p>One instance per call: the cursor assumes positions are asked in increasing order, which keeps a scan linear.
 * Not thread-safe.
 */
final class Claims {
    private final int[] starts;
    private final int[] ends;
    private final int count;
    private int cursor;

    private Claims(int[] starts, int[] ends, int count) {
        this.starts = starts;
        this.ends = ends;
        this.count = count;
    }

    /** The candidates in {@code earlier} whose type is more specific than {@code type}. */
    static Claims outranking(String type, List<Span> earlier) {
        Specificity own = SpanTypes.specificity(type);
        long[] packed = new long[earlier.size()];
        int size = 0;
        for (Span span : earlier) {
            if (SpanTypes.specificity(span.type()).compareTo(own) < 0 && span.end() > span.start()) {
                packed[size++] = (long) span.start() << 32 | span.end();
            }
        }
        Arrays.sort(packed, 0, size);
        int[] starts = new int[size];
        int[] ends = new int[size];
        int count = 0;
        for (int i = 0; i < size; i++) {
            int start = (int) (packed[i] >>> 32);
            int end = (int) packed[i];
            if (count > 0 && start <= ends[count - 1]) {
                ends[count - 1] = Math.max(ends[count - 1], end);
            } else {
                starts[count] = start;
                ends[count++] = end;
            }
        }
        return new Claims(starts, ends, count);
    }

    /** {@code pos} when no claim covers it, else the end of the claim that does. */
    int skip(int pos) {
        advance(pos);
        return cursor < count && starts[cursor] <= pos ? ends[cursor] : pos;
    }

    /** The start of the first claim at or after {@code pos}, or {@code limit} when there is none before it. */
    int nextStart(int pos, int limit) {
        advance(pos);
        return cursor < count ? Math.min(limit, Math.max(pos, starts[cursor])) : limit;
    }

    private void advance(int pos) {
        while (cursor < count && ends[cursor] <= pos) {
            cursor++;
        }
    }
}
