package dev.hearth.ingress.ollama;

import static dev.hearth.ingress.common.JsonFields.invalid;

import dev.hearth.model.ContentPart;
import java.util.Base64;

/**
 * Turns one of Ollama's {@code images} (bare base64 bytes, no media type) into a canonical image part: a
 * {@code data:} URL whose media type is read from the file's magic bytes, since backends such as Anthropic and OpenAI
 * need it. PNG, JPEG, GIF and WebP are recognised; anything else is labelled {@code image/png}, the most common
 * case, and left to the model server to judge. A client that already sends a {@code data:} URL has it kept as is.
 * Only the first bytes are decoded here; the rest travels untouched. Stateless.
 */
final class ImageData {
    static final String DEFAULT_MEDIA_TYPE = "image/png";
    /** 16 base64 characters are 12 bytes: enough for every signature below (WebP needs bytes 8 to 11). */
    private static final int PREFIX_CHARS = 16;

    private ImageData() {}

    /** @throws dev.hearth.error.GatewayException 400 naming {@code path} when the text is not base64 */
    static ContentPart.Image part(String base64, String path) {
        if (base64.startsWith("data:")) {
            return new ContentPart.Image(base64, null);
        }
        String data = base64.strip();
        if (data.isEmpty()) {
            throw invalid(path, "'" + path + "' is empty; expected base64-encoded image bytes");
        }
        byte[] head;
        try {
            head = Base64.getDecoder().decode(prefix(data));
        } catch (IllegalArgumentException notBase64) {
            throw invalid(path, "'" + path + "' is not base64-encoded image bytes");
        }
        return new ContentPart.Image("data:" + mediaType(head) + ";base64," + data, null);
    }

    /** The media type the magic bytes say, or {@link #DEFAULT_MEDIA_TYPE}. */
    static String mediaType(byte[] head) {
        if (startsWith(head, 0, 0x89, 'P', 'N', 'G')) {
            return "image/png";
        }
        if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(head, 0, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (startsWith(head, 0, 'R', 'I', 'F', 'F') && startsWith(head, 8, 'W', 'E', 'B', 'P')) {
            return "image/webp";
        }
        return DEFAULT_MEDIA_TYPE;
    }

    /** A prefix that decodes on its own: whole 4-character groups, padding kept when the data is that short. */
    private static String prefix(String data) {
        // Line breaks inside the data (MIME style) are not base64 characters: drop them from the prefix.
        boolean whole = data.length() <= PREFIX_CHARS + 8;
        String compact = data.substring(0, Math.min(data.length(), PREFIX_CHARS + 8)).replaceAll("\\s", "");
        if (whole && compact.length() <= PREFIX_CHARS) {
            return compact; // all of it, padding included
        }
        int length = Math.min(compact.length(), PREFIX_CHARS);
        return compact.substring(0, length - length % 4);
    }

    private static boolean startsWith(byte[] bytes, int offset, int... signature) {
        if (bytes.length < offset + signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((bytes[offset + i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
