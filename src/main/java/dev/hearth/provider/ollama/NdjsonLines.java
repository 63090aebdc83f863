package dev.hearth.provider.ollama;

import io.vertx.core.buffer.Buffer;
import java.util.Arrays;

/**
 * Splits a newline-delimited JSON byte stream into lines, whatever the chunking: a line, or a UTF-8 character inside
 * it, may be split across chunks, and one chunk may hold several lines. Lines end at LF; a CR before the LF is
 * dropped; blank lines are skipped. Lines are handed over as bytes ending in LF, ready to relay as they are, so
 * decoding UTF-8 happens once per whole line.
 * Not thread-safe (one per stream).
 */
final class NdjsonLines {
    /** Receives one complete, non-blank line ending in a single LF (a CR before it dropped). */
    @FunctionalInterface
    interface Handler {
        void onLine(byte[] line);
    }

    private final Handler handler;
    private final int maxLineBytes;
    private byte[] pending = new byte[1024];
    private int pendingLength;

    NdjsonLines(Handler handler, int maxLineBytes) {
        this.handler = handler;
        this.maxLineBytes = maxLineBytes;
    }

    /** @throws IllegalStateException when one line grows past the size limit (a broken or hostile upstream) */
    void feed(Buffer chunk) {
        byte[] bytes = chunk.getBytes();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                append(bytes, start, i - start);
                emit();
                start = i + 1;
            }
        }
        append(bytes, start, bytes.length - start);
    }

    /** Hands over a last line that lacked its line end (the body ended right after it). */
    void flush() {
        if (pendingLength > 0) {
            emit();
        }
    }

    private void append(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return;
        }
        if (pendingLength + length > maxLineBytes) {
            pendingLength = 0;
            throw new IllegalStateException("stream line larger than " + maxLineBytes + " bytes");
        }
        if (pendingLength + length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + length));
        }
        System.arraycopy(bytes, offset, pending, pendingLength, length);
        pendingLength += length;
    }

    private void emit() {
        int length = pendingLength;
        if (length > 0 && pending[length - 1] == '\r') {
            length--;
        }
        pendingLength = 0;
        if (!isBlank(pending, length)) {
            byte[] line = Arrays.copyOf(pending, length + 1);
            line[length] = '\n';
            handler.onLine(line);
        }
    }

    private static boolean isBlank(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
                return false;
            }
        }
        return true;
    }
}
