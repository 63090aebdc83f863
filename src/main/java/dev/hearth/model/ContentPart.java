package dev.hearth.model;

import java.util.Map;

/** One piece of a message's content. Parts Hearth does not interpret travel as {@link Opaque}. */
public sealed interface ContentPart {

    record Text(String text) implements ContentPart {}

    /**
     * An image by URL; {@code url} may be a {@code data:} URL carrying base64 bytes.
     *
     * @param detail OpenAI's detail hint ("low", "high", "auto") or null
     */
    record Image(String url, String detail) implements ContentPart {
        public String mediaType() {
            if (!url.startsWith("data:")) {
                return null;
            }
            int end = url.indexOf(';');
            return end > 5 ? url.substring(5, end) : null;
        }

        public String base64Data() {
            int comma = url.indexOf(',');
            return url.startsWith("data:") && comma > 0 ? url.substring(comma + 1) : null;
        }
    }

    /** A part kind Hearth passes through untouched (audio, files, ...), kept as its JSON tree. */
    record Opaque(String type, Map<String, Object> json) implements ContentPart {}
}
