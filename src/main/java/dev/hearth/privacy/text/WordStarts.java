package dev.hearth.privacy.text;

import java.util.Arrays;

/**
 * Where the words of one text begin (a word char not preceded by one), found once per scan and shared by every
 * {@link Phrases} dictionary that scans the whole text, instead of each dictionary testing every char again.
 *
 * <p>The detector opens one for the text it scans and closes it when the scan ends; {@link Phrases} asks for it with
 * {@link #of} and falls back to its own char-by-char loop when there is none, or it belongs to another text. Only
 * positions are kept, never text, and nothing outlives the scan. One per thread: recognizers run on the thread that
 * called the detector.
 */
public final class WordStarts implements AutoCloseable {
    private static final ThreadLocal<WordStarts> CURRENT = new ThreadLocal<>();

    private final CharSequence text;
    private final WordStarts outer;
    private int[] positions;
    private int count = -1;

    private WordStarts(CharSequence text, WordStarts outer) {
        this.text = text;
        this.outer = outer;
    }

    /** Makes {@code text}'s word starts available to dictionaries on this thread until {@link #close}. */
    public static WordStarts open(CharSequence text) {
        WordStarts scope = new WordStarts(text, CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /** The open index for exactly this text object (identity, not equality), or null. */
    static WordStarts of(CharSequence text) {
        WordStarts scope = CURRENT.get();
        return scope != null && scope.text == text ? scope : null;
    }

    @Override
    public void close() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }

    /** Number of word starts; computed on first use, so a scan with no dictionary pays nothing. */
    int count() {
        if (count < 0) {
            positions = new int[Math.max(16, text.length() / 4)];
            int n = 0;
            boolean previousWordChar = false;
            for (int i = 0; i < text.length(); i++) {
                boolean wordChar = Chars.isWordChar(text.charAt(i));
                if (wordChar && !previousWordChar) {
                    if (n == positions.length) {
                        positions = Arrays.copyOf(positions, n * 2);
                    }
                    positions[n++] = i;
                }
                previousWordChar = wordChar;
            }
            count = n;
        }
        return count;
    }

    int position(int index) {
        return positions[index];
    }

    /** Index of the first word start at or after {@code pos}, or {@link #count()} when there is none. */
    int firstAtOrAfter(int pos) {
        int found = Arrays.binarySearch(positions, 0, count(), pos);
        return found >= 0 ? found : -found - 1;
    }
}
