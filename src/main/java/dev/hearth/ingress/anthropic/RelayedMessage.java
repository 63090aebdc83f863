package dev.hearth.ingress.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What a sink needs to know about the Anthropic events it relayed as bytes: whether a relay is going on, which
 * content block is open and which index comes next (so a continuation can go on after them), and whether
 * {@code message_stop} went out. Only block starts and stops are parsed, a few per answer; deltas are not looked at.
 */
final class RelayedMessage {
    private static final String BLOCK_START = "event: content_block_start\n";
    private static final String BLOCK_STOP = "event: content_block_stop\n";
    private static final String MESSAGE_STOP = "event: message_stop\n";

    private boolean active;
    private int nextIndex;
    private int openIndex = -1;
    private boolean stopped;

    /** One relayed frame, {@code event: <type>\ndata: <json>\n\n}. */
    void saw(byte[] frame) {
        active = true;
        String text = new String(frame, StandardCharsets.UTF_8);
        if (text.startsWith(BLOCK_START)) {
            openIndex = index(text, BLOCK_START);
            nextIndex = Math.max(nextIndex, openIndex + 1);
        } else if (text.startsWith(BLOCK_STOP)) {
            if (index(text, BLOCK_STOP) == openIndex) {
                openIndex = -1;
            }
        } else if (text.startsWith(MESSAGE_STOP)) {
            stopped = true;
        }
    }

    private static int index(String frame, String eventLine) {
        String data = frame.substring(eventLine.length()).strip();
        if (data.startsWith("data:")) {
            data = data.substring("data:".length()).strip();
        }
        try {
            JsonNode payload = Json.read(data);
            return payload.path("index").asInt(-1);
        } catch (IOException unreadable) {
            return -1; // the decoder has already failed the attempt on it
        }
    }

    boolean active() {
        return active;
    }

    void end() {
        active = false;
    }

    int nextIndex() {
        return nextIndex;
    }

    int openIndex() {
        return openIndex;
    }

    boolean stopped() {
        return stopped;
    }
}
