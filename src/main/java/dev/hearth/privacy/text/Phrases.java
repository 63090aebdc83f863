package dev.hearth.privacy.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A dictionary of words and phrases matched as whole words, without regular expressions: one array lookup per text
 * position, then a comparison against the few phrases sharing the first letter (longest first). A space inside a
 * phrase matches any run of 1 to 8 whitespace characters, so "date of birth" also finds "date of\nbirth".
 *
 * <p>Used for context words, gazetteers, clinical dictionaries and custom keywords. Immutable and thread-safe; the
 * work per call is linear in the scanned length times the number of phrases sharing a first letter.
 */
public final class Phrases {
    private static final int MAX_SPACE_RUN = 8;

    private final boolean ignoreCase;
    private final char[][][] ascii = new char[128][][];
    /** Per ASCII first char, the ASCII chars that may come second (two 64-bit halves); all ones when undecidable. */
    private final long[][] secondChars = new long[128][];
    private final Map<Character, char[][]> other = new HashMap<>();
    private final int size;
    private final boolean wordInitial;

    private Phrases(Collection<String> phrases, boolean ignoreCase) {
        this.ignoreCase = ignoreCase;
        Map<Character, List<char[]>> grouped = new HashMap<>();
        for (String phrase : phrases) {
            String normal = phrase.strip().replaceAll("\\s+", " ");
            if (normal.isEmpty()) {
                throw new IllegalArgumentException("empty phrase");
            }
            char[] chars = (ignoreCase ? normal.toLowerCase(java.util.Locale.ROOT) : normal).toCharArray();
            grouped.computeIfAbsent(chars[0], k -> new ArrayList<>()).add(chars);
        }
        for (Map.Entry<Character, List<char[]>> group : grouped.entrySet()) {
            List<char[]> list = group.getValue();
            list.sort((a, b) -> Integer.compare(b.length, a.length));
            char[][] sorted = list.toArray(new char[0][]);
            char first = group.getKey();
            if (first < 128) {
                ascii[first] = sorted;
                secondChars[first] = secondChars(sorted);
            } else {
                other.put(first, sorted);
            }
        }
        this.size = phrases.size();
        boolean allWordInitial = true;
        for (Character first : grouped.keySet()) {
            allWordInitial &= Chars.isWordChar(first);
        }
        this.wordInitial = allWordInitial;
    }

    public static Phrases ignoringCase(Collection<String> phrases) {
        return new Phrases(phrases, true);
    }

    public static Phrases ignoringCase(String... phrases) {
        return new Phrases(List.of(phrases), true);
    }

    public static Phrases matchingCase(Collection<String> phrases) {
        return new Phrases(phrases, false);
    }

    public int size() {
        return size;
    }

    /** Receives one match: {@code text[start, end)}. */
    @FunctionalInterface
    public interface Sink {
        void match(int start, int end);
    }

    /**
     * The end of the longest phrase matching at {@code pos} as a whole word, or -1. A phrase that begins (ends) with a
     * word char must not be preceded (followed) by one.
     */
    public int matchAt(CharSequence text, int pos) {
        char first = fold(text.charAt(pos));
        char[][] candidates = candidates(first);
        if (candidates == null || !secondMayMatch(first, text, pos + 1)) {
            return -1;
        }
        for (char[] phrase : candidates) {
            if (Chars.isWordChar(phrase[0]) && !Chars.wordStart(text, pos)) {
                return -1;
            }
            int end = matchPhrase(phrase, text, pos);
            if (end >= 0) {
                return end;
            }
        }
        return -1;
    }

    /** Every leftmost-longest, non-overlapping match starting in {@code [from, to)}; a match may end past {@code to}. */
    public void forEach(CharSequence text, int from, int to, Sink sink) {
        int limit = Math.min(to, text.length());
        WordStarts words = wordInitial ? WordStarts.of(text) : null;
        if (words != null) {
            forEachWord(words, text, from, limit, sink);
            return;
        }
        for (int i = Math.max(0, from); i < limit; i++) {
            if (wordInitial && !Chars.wordStart(text, i)) {
                continue;
            }
            int end = matchAt(text, i);
            if (end >= 0) {
                sink.match(i, end);
                i = end - 1;
            }
        }
    }

    /**
     * As the char loop above, visiting only the shared word starts: for a dictionary whose phrases all begin with a
     * word char, a position that is not a word start, or holds no word char (folding never turns one into a word
     * char, {@code WordStartsTest} checks every char), cannot match.
     */
    private void forEachWord(WordStarts words, CharSequence text, int from, int limit, Sink sink) {
        int count = words.count();
        int k = words.firstAtOrAfter(Math.max(0, from));
        while (k < count && words.position(k) < limit) {
            int i = words.position(k);
            int end = matchAt(text, i);
            if (end >= 0) {
                sink.match(i, end);
                k = words.firstAtOrAfter(end);
            } else {
                k++;
            }
        }
    }

    public void forEach(CharSequence text, Sink sink) {
        forEach(text, 0, text.length(), sink);
    }

    /** True when a match starts in {@code [from, to)}. */
    public boolean anyIn(CharSequence text, int from, int to) {
        int limit = Math.min(to, text.length());
        for (int i = Math.max(0, from); i < limit; i++) {
            if ((!wordInitial || Chars.wordStart(text, i)) && matchAt(text, i) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** True when a match ends in {@code [from, to]} (for "a cue right before the value" checks). */
    public boolean endsIn(CharSequence text, int from, int to, int lookBack) {
        int start = Math.max(0, from - lookBack);
        int limit = Math.min(to, text.length());
        for (int i = start; i < limit; i++) {
            if (wordInitial && !Chars.wordStart(text, i)) {
                continue;
            }
            int end = matchAt(text, i);
            if (end >= from && end <= to) {
                return true;
            }
        }
        return false;
    }

    /**
     * A cheap test before comparing phrases one by one: the char after the first one is among the phrases' second
     * chars. Conservative: true at the text's end, for non-ASCII chars and for groups holding a one-char phrase.
     */
    private boolean secondMayMatch(char first, CharSequence text, int pos) {
        if (first >= 128 || pos >= text.length()) {
            return true;
        }
        char second = fold(text.charAt(pos));
        return second >= 128 || (secondChars[first][second >> 6] & 1L << (second & 63)) != 0;
    }

    private static long[] secondChars(char[][] phrases) {
        long[] mask = new long[2];
        for (char[] phrase : phrases) {
            if (phrase.length < 2) {
                return new long[] {-1L, -1L};
            }
            if (phrase[1] == ' ') {
                for (char space : new char[] {' ', '\t', '\n', '\r', '\f'}) {
                    mask[space >> 6] |= 1L << (space & 63); // what a space in a phrase matches (Chars.isSpace)
                }
            } else if (phrase[1] < 128) {
                mask[phrase[1] >> 6] |= 1L << (phrase[1] & 63);
            }
        }
        return mask;
    }

    private char[][] candidates(char first) {
        return first < 128 ? ascii[first] : other.get(first);
    }

    private char fold(char c) {
        if (!ignoreCase) {
            return c;
        }
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return Character.toLowerCase(c);
    }

    private int matchPhrase(char[] phrase, CharSequence text, int pos) {
        int t = pos;
        int n = text.length();
        for (char p : phrase) {
            if (p == ' ') {
                int run = 0;
                while (t < n && run < MAX_SPACE_RUN && Chars.isSpace(text.charAt(t))) {
                    t++;
                    run++;
                }
                if (run == 0) {
                    return -1;
                }
            } else {
                if (t >= n || fold(text.charAt(t)) != p) {
                    return -1;
                }
                t++;
            }
        }
        if (Chars.isWordChar(phrase[phrase.length - 1]) && !Chars.wordEnd(text, t)) {
            return -1;
        }
        return t;
    }
}
