package dev.hearth.provider.http;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

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
        String text = new String(line, 0, lineLength, StandardCharsets.UTF_8);
        lineLength = 0;
        int colon = text.indexOf(':');
        if (colon == 0) {
            return; // comment
        }
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> {
                if (data == null) {
                    data = value;
                } else if (data instanceof StringBuilder joined) {
                    joined.append('\n').append(value);
                } else {
                    data = new StringBuilder(data).append('\n').append(value);
                }
            }
            case "event" -> eventName = value;
            default -> { } // id, retry and unknown fields do not matter to an API client
        }
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
