package dev.hearth.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.model.FinishReason;
import dev.hearth.model.StreamEvent;
import dev.hearth.model.StreamEvent.Finish;
import dev.hearth.model.StreamEvent.ReasoningDelta;
import dev.hearth.model.StreamEvent.TextDelta;
import dev.hearth.model.StreamEvent.ToolCallDelta;
import dev.hearth.model.StreamEvent.UsageReport;
import dev.hearth.model.Usage;
import dev.hearth.provider.UpstreamFailure.Kind;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicStreamDecoderTest {

    /** The basic streamed text example of Anthropic's streaming documentation. */
    static final String TEXT_STREAM = """
            event: message_start
            data: {"type": "message_start", "message": {"id": "msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY", "type": "message", "role": "assistant", "content": [], "model": "claude-opus-4-20250514", "stop_reason": null, "stop_sequence": null, "usage": {"input_tokens": 25, "output_tokens": 1}}}

            event: content_block_start
            data: {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}

            event: ping
            data: {"type": "ping"}

            event: content_block_delta
            data: {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Hello"}}

            event: content_block_delta
            data: {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "!"}}

            event: content_block_stop
            data: {"type": "content_block_stop", "index": 0}

            event: message_delta
            data: {"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence":null}, "usage": {"output_tokens": 15}}

            event: message_stop
            data: {"type": "message_stop"}

            """;

    /** Thinking, then text with multi-byte characters, then two tool calls (content blocks 2 and 3). */
    static final String MIXED_STREAM = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":472,"output_tokens":2}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"The user wants weather, "}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"so I call the tool."}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM1gbcDa9GJwZA"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: content_block_start
            data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Okay, checking São Paulo ☀ 🌍"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":1}

            event: content_block_start
            data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\\"location\\": \\"São Pa"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"ulo\\"}"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":2}

            event: content_block_start
            data: {"type":"content_block_start","index":3,"content_block":{"type":"tool_use","id":"toolu_02","name":"get_time","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":3,"delta":{"type":"input_json_delta","partial_json":"{}"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":3}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    static RecordingListener decode(String sse) {
        return decode(List.of(Buffer.buffer(sse)));
    }

    static RecordingListener decode(List<Buffer> chunks) {
        RecordingListener listener = RecordingListener.direct();
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(listener);
        chunks.forEach(decoder::onChunk);
        decoder.onEnd();
        assertThat(listener.wellBehaved()).as("one terminal call, nothing after it").isTrue();
        return listener;
    }

    @Test
    void theDocumentedTextStreamBecomesTextFinishAndUsage() {
        RecordingListener listener = decode(TEXT_STREAM);

        assertThat(listener.events()).containsExactly(
                new TextDelta(0, "Hello"),
                new TextDelta(0, "!"),
                new Finish(0, FinishReason.STOP),
                new UsageReport(new Usage(25, 15, false)));
        assertThat(listener.outcomeNow().completed()).isTrue();
    }

    @Test
    void toolCallsAreNumberedByToolNotByContentBlock() {
        RecordingListener listener = decode(MIXED_STREAM);

        assertThat(listener.events(ToolCallDelta.class)).containsExactly(
                new ToolCallDelta(0, 0, "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather", ""),
                new ToolCallDelta(0, 0, null, null, "{\"location\": \"São Pa"),
                new ToolCallDelta(0, 0, null, null, "ulo\"}"),
                new ToolCallDelta(0, 1, "toolu_02", "get_time", ""),
                new ToolCallDelta(0, 1, null, null, "{}"));
        assertThat(listener.events(Finish.class)).containsExactly(new Finish(0, FinishReason.TOOL_CALLS));
        assertThat(listener.events(UsageReport.class)).containsExactly(new UsageReport(new Usage(472, 89, false)));
    }

    @Test
    void thinkingBecomesReasoningAndItsSignatureIsNotShown() {
        RecordingListener listener = decode(MIXED_STREAM);

        assertThat(listener.events(ReasoningDelta.class)).containsExactly(
                new ReasoningDelta(0, "The user wants weather, "),
                new ReasoningDelta(0, "so I call the tool."));
        assertThat(listener.events(TextDelta.class)).containsExactly(new TextDelta(0, "Okay, checking São Paulo ☀ 🌍"));
    }

    @Test
    void splittingTheStreamAtAnyByteGivesTheSameEvents() {
        byte[] bytes = MIXED_STREAM.getBytes(StandardCharsets.UTF_8);
        List<StreamEvent> whole = decode(MIXED_STREAM).events();

        for (int cut = 0; cut <= bytes.length; cut++) {
            RecordingListener split = decode(List.of(Buffer.buffer(Arrays.copyOfRange(bytes, 0, cut)),
                    Buffer.buffer(Arrays.copyOfRange(bytes, cut, bytes.length))));
            assertThat(split.events()).as("split at byte %d", cut).isEqualTo(whole);
            assertThat(split.outcomeNow().completed()).isTrue();
        }
        List<Buffer> oneByteEach = new java.util.ArrayList<>();
        for (byte b : bytes) {
            oneByteEach.add(Buffer.buffer(new byte[] {b}));
        }
        assertThat(decode(oneByteEach).events()).isEqualTo(whole);
    }

    @ParameterizedTest
    @CsvSource({
        "end_turn, STOP",
        "stop_sequence, STOP",
        "pause_turn, STOP",
        "max_tokens, LENGTH",
        "model_context_window_exceeded, LENGTH",
        "tool_use, TOOL_CALLS",
        "refusal, CONTENT_FILTER",
        "a_reason_added_later, STOP"
    })
    void eachStopReasonMapsToAFinishReason(String stopReason, FinishReason expected) {
        RecordingListener listener = decode(TEXT_STREAM.replace("end_turn", stopReason));

        assertThat(listener.events(Finish.class)).containsExactly(new Finish(0, expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "overloaded_error      | Overloaded                                         | SERVER_ERROR",
        "api_error             | Internal server error                              | SERVER_ERROR",
        "rate_limit_error      | Number of request tokens has exceeded your limit   | RATE_LIMITED",
        "invalid_request_error | prompt is too long: 210000 tokens > 200000 maximum | CONTEXT_LENGTH",
        "invalid_request_error | messages: text content blocks must be non-empty    | BAD_REQUEST"
    })
    void anErrorEventFailsTheAttemptByItsType(String type, String message, Kind expected) {
        String stream = TEXT_STREAM.substring(0, TEXT_STREAM.indexOf("event: content_block_stop"))
                + "event: error\ndata: {\"type\": \"error\", \"error\": {\"type\": \"" + type + "\", \"message\": \""
                + message + "\"}}\n\n";

        RecordingListener listener = decode(stream);

        assertThat(listener.events(TextDelta.class)).hasSize(2);
        var failure = listener.outcomeNow().failure();
        assertThat(failure.kind()).isEqualTo(expected);
        assertThat(failure.code()).isEqualTo(type);
        assertThat(failure.message()).isEqualTo(message);
        assertThat(failure.status()).as("no HTTP status inside a 200 stream").isZero();
    }

    @Test
    void aStreamThatEndsBeforeAnyStopReasonIsAProtocolFailure() {
        RecordingListener listener = decode(TEXT_STREAM.substring(0, TEXT_STREAM.indexOf("event: message_delta")));

        assertThat(listener.events(TextDelta.class)).hasSize(2);
        assertThat(listener.events(Finish.class)).isEmpty();
        assertThat(listener.outcomeNow().failure().kind()).isEqualTo(Kind.PROTOCOL);
    }

    @Test
    void aStreamThatLosesOnlyMessageStopStillCompletesWithUsage() {
        RecordingListener listener = decode(TEXT_STREAM.substring(0, TEXT_STREAM.indexOf("event: message_stop")));

        assertThat(listener.outcomeNow().completed()).isTrue();
        assertThat(listener.events()).endsWith(new Finish(0, FinishReason.STOP),
                new UsageReport(new Usage(25, 15, false)));
    }

    @Test
    void unreadableDataIsAProtocolFailureAndNothingFollowsIt() {
        String stream = TEXT_STREAM.replace("data: {\"type\": \"content_block_stop\", \"index\": 0}",
                "data: {\"type\": \"content_block_stop\", \"ind");

        RecordingListener listener = decode(stream);

        assertThat(listener.outcomeNow().failure().kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(listener.events(Finish.class)).isEmpty();
    }

    @Test
    void dataThatIsNotAnObjectIsAProtocolFailure() {
        RecordingListener listener = decode("event: message_start\ndata: [1, 2]\n\n");

        assertThat(listener.outcomeNow().failure().kind()).isEqualTo(Kind.PROTOCOL);
    }

    @Test
    void unknownEventsAndPingsAreIgnored() {
        String stream = TEXT_STREAM.replace("event: ping\ndata: {\"type\": \"ping\"}",
                "event: ping\ndata: {\"type\": \"ping\"}\n\nevent: future_event\ndata: {\"type\": \"future_event\"}");

        assertThat(decode(stream).events()).isEqualTo(decode(TEXT_STREAM).events());
    }

    @Test
    void cachedInputCountsAsPromptTokensAndTheLastCumulativeUsageWins() {
        String stream = TEXT_STREAM
                .replace("\"usage\": {\"input_tokens\": 25, \"output_tokens\": 1}",
                        "\"usage\": {\"input_tokens\": 5, \"cache_creation_input_tokens\": 100,"
                                + " \"cache_read_input_tokens\": 2000, \"output_tokens\": 1}")
                .replace("\"usage\": {\"output_tokens\": 15}",
                        "\"usage\": {\"input_tokens\": 6, \"cache_creation_input_tokens\": 100,"
                                + " \"cache_read_input_tokens\": 2000, \"output_tokens\": 40}");

        assertThat(decode(stream).events(UsageReport.class))
                .containsExactly(new UsageReport(new Usage(2106, 40, false)));
    }

    @Test
    void theTypeFieldDecidesWhenTheEventLineIsMissing() {
        String withoutEventLines = TEXT_STREAM.replaceAll("(?m)^event: .*\\n", "");

        assertThat(decode(withoutEventLines).events()).isEqualTo(decode(TEXT_STREAM).events());
    }

    @Test
    void bytesAfterMessageStopAreIgnored() {
        RecordingListener listener = decode(TEXT_STREAM + "data: not json\n\n");

        assertThat(listener.outcomeNow().completed()).isTrue();
    }
}
