package dev.hearth.privacy.guard;

/**
 * Puts the original values back in place of one request's placeholders in one stream of text (a choice's answer, its
 * reasoning, or one tool call's arguments), however the text is cut into chunks: a placeholder split across chunks at
 * any point is held back, at most one placeholder long, until the chunk that completes it (or rules it out) arrives.
 * Every chunk's output, followed by {@link #flush()}, equals restoring the whole text at once.
 *
 * <p>In JSON mode (tool-call arguments, answers in a JSON response format) the original is written as JSON string
 * content, escaped, since the placeholder stood inside a JSON string.
 *
 * <p>Not thread-safe: one per stream, used on the attempt's event loop.
 */
public final class Restorer {
    private final Placeholders placeholders;
    private final boolean json;
    private final StringBuilder tail = new StringBuilder();

    public Restorer(Placeholders placeholders, boolean json) {
        this.placeholders = placeholders;
        this.json = json;
    }

    /** The whole of {@code text} restored at once. */
    public static String restoreAll(Placeholders placeholders, boolean json, String text) {
        Restorer restorer = new Restorer(placeholders, json);
        return restorer.push(text) + restorer.flush();
    }

    /** The restored text that can be released now; may be empty while a possible placeholder is held back. */
    public String push(String chunk) {
        if (tail.isEmpty() && chunk.indexOf('<') < 0) {
            return chunk;
        }
        String text = tail.isEmpty() ? chunk : tail.append(chunk).toString();
        tail.setLength(0);
        StringBuilder out = new StringBuilder(text.length());
        int emitted = 0;
        int i = text.indexOf('<');
        while (i >= 0) {
            int end = Placeholders.closeOf(text, i, placeholders.longest());
            String original = end > 0 ? placeholders.original(text.substring(i, end)) : null;
            if (original != null) {
                out.append(text, emitted, i).append(json ? JsonText.escape(original) : original);
                emitted = end;
                i = text.indexOf('<', end);
                continue;
            }
            if (text.length() - i < placeholders.longest() && placeholders.anyStartsWith(text, i, text.length())) {
                tail.append(text, i, text.length());
                out.append(text, emitted, i);
                return out.toString();
            }
            i = text.indexOf('<', i + 1);
        }
        return out.append(text, emitted, text.length()).toString();
    }

    /** Whatever is held back, as it is: at the end of the stream it can no longer become a placeholder. */
    public String flush() {
        String held = tail.toString();
        tail.setLength(0);
        return held;
    }

    public boolean holding() {
        return !tail.isEmpty();
    }
}
