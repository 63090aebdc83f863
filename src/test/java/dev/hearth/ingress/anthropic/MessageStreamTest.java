package dev.hearth.ingress.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.model.FinishReason;
import dev.hearth.model.StreamEvent;
import dev.hearth.model.Usage;
import dev.hearth.testkit.SseReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Anthropic event stream written from canonical events, byte for byte, in memory. */
class MessageStreamTest {
    private final StringBuilder out = new StringBuilder();

    private MessageStream stream(boolean thinking) {
        return new MessageStream(buffer -> out.append(buffer.toString()), thinking, "req1");
    }

    private List<String> names() {
        return SseReader.events(out.toString()).stream().map(SseReader.Event::name).toList();
    }

    @Test
    void aShortAnswerIsWrittenExactlyAsTheApiFramesIt() {
        MessageStream stream = stream(false);
        stream.start("msg_req1", "qwen3:8b", 12);
        stream.event(new StreamEvent.TextDelta(0, "Hi"));
        stream.event(new StreamEvent.Finish(0, FinishReason.STOP));
        stream.end(new Usage(14, 1, false));
        assertThat(out.toString()).isEqualTo("""
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_req1","type":"message","role":"assistant",\
                "model":"qwen3:8b","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,\
                "cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":0}}}

                event: ping
                data: {"type":"ping"}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},\
                "usage":{"input_tokens":14,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,\
                "output_tokens":1}}

                event: message_stop
                data: {"type":"message_stop"}

                """);
    }

    @Test
    void reasoningBecomesAThinkingBlockBeforeTheTextOnlyWhenTheClientEnabledThinking() {
        for (boolean thinking : List.of(true, false)) {
            out.setLength(0);
            MessageStream stream = stream(thinking);
            stream.start("msg_req1", "m", 0);
            stream.event(new StreamEvent.ReasoningDelta(0, "Let me think."));
            stream.event(new StreamEvent.TextDelta(0, "42"));
            stream.end(new Usage(5, 3, false));
            List<SseReader.Event> events = SseReader.events(out.toString());
            if (thinking) {
                assertThat(names()).containsExactly("message_start", "ping", "content_block_start",
                        "content_block_delta", "content_block_stop", "content_block_start", "content_block_delta",
                        "content_block_stop", "message_delta", "message_stop");
                assertThat(events.get(2).data()).contains("\"type\":\"thinking\"").contains("\"signature\":\"\"");
                assertThat(events.get(3).data()).contains("\"thinking_delta\"").contains("Let me think.");
                assertThat(events.get(5).data()).contains("\"index\":1");
            } else {
                assertThat(names()).containsExactly("message_start", "ping", "content_block_start",
                        "content_block_delta", "content_block_stop", "message_delta", "message_stop");
                assertThat(out.toString()).doesNotContain("Let me think.");
            }
        }
    }

    @Test
    void aToolCallWithoutAnIdGetsOneAndAPlainStopBecomesToolUse() {
        MessageStream stream = stream(false);
        stream.start("msg_req1", "llama3.2", 0);
        stream.event(new StreamEvent.ToolCallDelta(0, 0, null, "read_file", "{\"path\":\"a\"}"));
        stream.event(new StreamEvent.Finish(0, FinishReason.STOP));
        stream.end(new Usage(5, 3, false));
        List<SseReader.Event> events = SseReader.events(out.toString());
        assertThat(events.get(2).data()).contains("\"id\":\"toolu_req1_0\"").contains("\"name\":\"read_file\"");
        assertThat(events.get(3).data()).contains("\"partial_json\":\"{\\\"path\\\":\\\"a\\\"}\"");
        assertThat(events.get(5).data()).contains("\"stop_reason\":\"tool_use\"");
    }

    @Test
    void anAnswerWithoutContentStillStartsAndEndsTheMessage() {
        MessageStream stream = stream(false);
        stream.start("msg_req1", "m", 0);
        stream.event(new StreamEvent.Finish(0, FinishReason.STOP));
        stream.end(new Usage(5, 0, true));
        assertThat(names()).containsExactly("message_start", "ping", "message_delta", "message_stop");
    }

    @Test
    void otherChoicesAndOtherDialectsFramesAreIgnored() {
        MessageStream stream = stream(false);
        stream.start("msg_req1", "m", 0);
        assertThat(stream.event(new StreamEvent.TextDelta(1, "second choice"))).isTrue();
        assertThat(stream.event(new StreamEvent.WireFrame(StreamEvent.WireFrame.OPENAI_CHAT, new byte[] {1}, false)))
                .isTrue();
        assertThat(stream.event(new StreamEvent.UsageReport(new Usage(1, 1, false)))).isTrue();
        assertThat(names()).containsExactly("message_start", "ping");
    }

    @Test
    void aPieceOfAToolCallWhoseBlockIsClosedIsRefusedRatherThanMisplaced() {
        MessageStream stream = stream(false);
        stream.start("msg_req1", "m", 0);
        assertThat(stream.event(new StreamEvent.ToolCallDelta(0, 0, "call_a", "a", "{\"x\":"))).isTrue();
        assertThat(stream.event(new StreamEvent.ToolCallDelta(0, 1, "call_b", "b", "{}"))).isTrue();
        assertThat(stream.event(new StreamEvent.ToolCallDelta(0, 0, null, null, "1}"))).isFalse();
    }
}
