package dev.hearth.provider.http;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a Server-Sent Events byte stream into events (event name + joined data lines), whatever the chunking: a
 * line or a UTF-8 character may be split across chunks. Follows the WHATWG event-stream rules that matter for LLM
 * APIs: LF, CRLF or CR line ends; "data:" lines joined by LF; one optional space after the colon; comment lines
 * ignored; an event dispatched at a blank line.
 */
public final class SseDecoder {
    /** Receives one complete event. */
    @FunctionalInterface
    public interface Handler {
        void onEvent(String event, String data);
    }

    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);

    private final Handler handler;
    private final int maxEventBytes;
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean lastWasCr;
    private String eventName;
    /** The event's data so far: a String for the usual single line, a StringBuilder once a second line comes. */
    private CharSequence data;
    private int eventBytes;

    public SseDecoder(Handler handler, int maxEventBytes) {
        this.handler = handler;
        this.maxEventBytes = maxEventBytes;
    }

    /** @throws IllegalStateException when one event grows past the size limit (a broken or hostile upstream) */
    public void feed(Buffer chunk) {
        // One copy of the chunk, then whole runs of line bytes at a time: a per-byte Buffer read costs a bounds
        // check and a virtual call each, and answers arrive in chunks of many lines.
        byte[] bytes = chunk.getBytes();
        int i = 0;
        while (i < bytes.length) {
            byte b = bytes[i];
            if (b == '\n' || b == '\r') {
                boolean crlf = b == '\n' && lastWasCr;
                lastWasCr = b == '\r';
                if (!crlf) {
                    endLine();
                }
                i++;
                continue;
            }
            lastWasCr = false;
            int end = i;
            while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
                end++;
            }
            append(bytes, i, end - i);
            i = end;
        }
    }

    /** True when bytes of an unfinished event remain (the stream was cut mid-event). */
    public boolean hasPartialEvent() {
        return lineLength > 0 || data != null;
    }

    /** Dispatches a final event that lacked its blank line, as browsers do not but servers sometimes need. */
    public void flush() {
        if (lineLength > 0) {
            endLine();
        }
        if (data != null) {
            dispatch();
        }
    }

    private void append(byte[] bytes, int from, int count) {
        eventBytes += count;
        if (eventBytes > maxEventBytes) {
            throw new IllegalStateException("server-sent event larger than " + maxEventBytes + " bytes");
        }
        if (lineLength + count > line.length) {
            byte[] bigger = new byte[Math.max(line.length * 2, lineLength + count)];
            System.arraycopy(line, 0, bigger, 0, lineLength);
            line = bigger;
        }
        System.arraycopy(bytes, from, line, lineLength, count);
        lineLength += count;
    }

    private void endLine() {
        if (lineLength == 0) {
            dispatch();
            return;
        }
        int length = lineLength;
        lineLength = 0;
        int colon = indexOf(line, length, (byte) ':');
        if (colon == 0) {
            return; // comment
        }
        int fieldEnd = colon < 0 ? length : colon;
        int valueStart = colon < 0 ? length : colon + 1;
        if (valueStart < length && line[valueStart] == ' ') {
            valueStart++;
        }
        // Field names are ASCII; the value is decoded once, straight from the line's bytes.
        if (isField(fieldEnd, DATA)) {
            String value = new String(line, valueStart, length - valueStart, StandardCharsets.UTF_8);
            if (data == null) {
                data = value;
            } else if (data instanceof StringBuilder joined) {
                joined.append('\n').append(value);
            } else {
                data = new StringBuilder(data).append('\n').append(value);
            }
        } else if (isField(fieldEnd, EVENT)) {
            eventName = new String(line, valueStart, length - valueStart, StandardCharsets.UTF_8);
        }
        // id, retry and unknown fields do not matter to an API client
    }

    private boolean isField(int fieldLength, byte[] name) {
        return fieldLength == name.length && Arrays.equals(line, 0, fieldLength, name, 0, fieldLength);
    }

    private static int indexOf(byte[] bytes, int length, byte b) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private void dispatch() {
        if (data != null) {
            String name = eventName == null ? "message" : eventName;
            String payload = data.toString();
            data = null;
            eventName = null;
            eventBytes = 0;
            handler.onEvent(name, payload);
        } else {
            eventName = null;
            eventBytes = 0;
        }
    }
}
