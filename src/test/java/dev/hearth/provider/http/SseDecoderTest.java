package dev.hearth.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseDecoderTest {
    /** A stream with every line-end style, a comment, a named event, a two-line data field and multi-byte text. */
    private static final String STREAM = ": keep-alive\r\n"
            + "data: {\"a\":1}\n\n"
            + "event: message_start\r\ndata:{\"b\":\"grüße 😀\"}\r\n\r\n"
            + "id: 7\rdata: line one\rdata: line two\r\r"
            + "retry: 10\ndata:  two spaces\n\n"
            + "data: [DONE]\n\n";

    private static final List<String> EXPECTED = List.of(
            "message|{\"a\":1}",
            "message_start|{\"b\":\"grüße 😀\"}",
            "message|line one\nline two",
            "message| two spaces",
            "message|[DONE]");

    @Test
    void theWholeStreamAtOnceGivesEveryEvent() {
        assertThat(decode(STREAM.getBytes(StandardCharsets.UTF_8), List.of())).isEqualTo(EXPECTED);
    }

    @Test
    void everySplitIntoTwoChunksGivesTheSameEvents() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < bytes.length; cut++) {
            assertThat(decode(bytes, List.of(cut))).as("cut at byte %d", cut).isEqualTo(EXPECTED);
        }
    }

    @Test
    void oneByteAtATimeGivesTheSameEvents() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i < bytes.length; i++) {
            cuts.add(i);
        }
        assertThat(decode(bytes, cuts)).isEqualTo(EXPECTED);
    }

    @Test
    void anEventWithoutItsBlankLineIsPartialUntilFlushed() {
        List<String> events = new ArrayList<>();
        SseDecoder decoder = new SseDecoder((name, data) -> events.add(name + "|" + data), 1024);
        decoder.feed(Buffer.buffer("data: cut"));
        assertThat(decoder.hasPartialEvent()).isTrue();
        assertThat(events).isEmpty();
        decoder.flush();
        assertThat(events).containsExactly("message|cut");
        assertThat(decoder.hasPartialEvent()).isFalse();
    }

    @Test
    void anEventOverTheLimitIsRefusedEvenWhenItArrivesInOneChunk() {
        SseDecoder decoder = new SseDecoder((name, data) -> { }, 64);
        assertThatThrownBy(() -> decoder.feed(Buffer.buffer("data: " + "x".repeat(100) + "\n\n")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("64 bytes");
        SseDecoder small = new SseDecoder((name, data) -> { }, 64);
        small.feed(Buffer.buffer("data: " + "x".repeat(40) + "\n\n")); // resets per event
        small.feed(Buffer.buffer("data: " + "x".repeat(40) + "\n\n"));
    }

    private static List<String> decode(byte[] bytes, List<Integer> cuts) {
        List<String> events = new ArrayList<>();
        SseDecoder decoder = new SseDecoder((name, data) -> events.add(name + "|" + data), 1 << 20);
        int from = 0;
        for (int cut : cuts) {
            decoder.feed(Buffer.buffer().appendBytes(bytes, from, cut - from));
            from = cut;
        }
        decoder.feed(Buffer.buffer().appendBytes(bytes, from, bytes.length - from));
        return events;
    }
}
