package dev.hearth.provider.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.model.FinishReason;
import dev.hearth.model.StreamEvent;
import dev.hearth.model.StreamEvent.Finish;
import dev.hearth.model.StreamEvent.ReasoningDelta;
import dev.hearth.model.StreamEvent.TextDelta;
import dev.hearth.model.StreamEvent.ToolCallDelta;
import dev.hearth.model.StreamEvent.UsageReport;
import dev.hearth.model.Usage;
import dev.hearth.provider.UpstreamFailure;
import dev.hearth.provider.UpstreamFailure.Kind;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The NDJSON stream decoder, fed the line shapes of Ollama's API documentation. */
class OllamaStreamDecoderTest {
    private static final int PROMPT_ESTIMATE = 40;

    /** The documented streaming example, with non-ASCII text so that chunk edges can fall inside a character. */
    private static final String TEXT_STREAM = """
            {"model":"llama3.2","created_at":"2023-08-04T08:52:19.385406455-07:00","message":{"role":"assistant","content":"The"},"done":false}
            {"model":"llama3.2","created_at":"2023-08-04T08:52:19.385406455-07:00","message":{"role":"assistant","content":" sky is bleu, ☀️"},"done":false}
            {"model":"llama3.2","created_at":"2023-08-04T19:22:45.499127Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","total_duration":4883583458,"load_duration":1334875,"prompt_eval_count":26,"prompt_eval_duration":342546000,"eval_count":282,"eval_duration":4535599000}
            """;

    private static final String TOOL_STREAM = """
            {"model":"llama3.2","created_at":"2024-07-22T20:33:28.123648Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_current_weather","arguments":{"format":"celsius","location":"Paris, FR"}}}]},"done":false}
            {"model":"llama3.2","created_at":"2024-07-22T20:33:28.2Z","message":{"role":"assistant","content":"","tool_calls":[{"id":"call_ollama1","function":{"index":0,"name":"get_time","arguments":{}}},{"function":{"name":"noop"}}]},"done":false}
            {"model":"llama3.2","created_at":"2024-07-22T20:33:28.3Z","message":{"role":"assistant","content":""},"done_reason":"stop","done":true,"total_duration":885095291,"load_duration":3753500,"prompt_eval_count":122,"prompt_eval_duration":328493000,"eval_count":33,"eval_duration":552222000}
            """;

    private final RecordingListener listener = new RecordingListener();
    private final AtomicInteger ids = new AtomicInteger();
    private final OllamaStreamDecoder decoder =
            new OllamaStreamDecoder(listener, PROMPT_ESTIMATE, () -> "call_gen" + ids.incrementAndGet());

    @Test
    void aTextStreamBecomesTextDeltasThenFinishThenUsage() {
        feedWhole(TEXT_STREAM);

        assertThat(listener.events()).containsExactly(
                new TextDelta(0, "The"),
                new TextDelta(0, " sky is bleu, ☀️"),
                new Finish(0, FinishReason.STOP),
                new UsageReport(new Usage(26, 282, false)));
        listener.awaitCompletion();
    }

    @Test
    void eachLineIsReportedAsItsOwnBytesAheadOfItsEventsAndTheDoneLineIsMarked() {
        String withThinking = """
                {"model":"qwen3","created_at":"2025-05-29T09:35:56Z","message":{"role":"assistant","content":"","thinking":"Hm."},"done":false}
                """;
        feedWhole(withThinking + TEXT_STREAM);

        List<String> lines = (withThinking + TEXT_STREAM).lines().map(line -> line + "\n").toList();
        List<StreamEvent.WireFrame> frames = listener.frames();
        assertThat(frames).extracting(f -> new String(f.bytes(), StandardCharsets.UTF_8)).isEqualTo(lines);
        assertThat(frames).allMatch(f -> f.wire().equals(StreamEvent.WireFrame.OLLAMA_CHAT));
        assertThat(frames).extracting(StreamEvent.WireFrame::usageOnly).containsExactly(false, false, false, true);
        assertThat(frames).extracting(StreamEvent.WireFrame::reasoning).containsExactly(true, false, false, false);
        // A frame comes before the typed events of its own line.
        List<StreamEvent> all = listener.events(StreamEvent.class);
        assertThat(all.indexOf(frames.get(1))).isLessThan(all.indexOf(new TextDelta(0, "The")));
        assertThat(all.indexOf(frames.get(3))).isLessThan(all.indexOf(new Finish(0, FinishReason.STOP)));
    }

    @Test
    void splittingTheStreamAtAnyByteGivesTheSameEvents() {
        byte[] bytes = TEXT_STREAM.getBytes(StandardCharsets.UTF_8);
        List<StreamEvent> expected = eventsOf(List.of(bytes));
        for (int cut = 1; cut < bytes.length; cut++) {
            List<byte[]> chunks =
                    List.of(Arrays.copyOfRange(bytes, 0, cut), Arrays.copyOfRange(bytes, cut, bytes.length));
            assertThat(eventsOf(chunks)).as("cut at byte %d", cut).isEqualTo(expected);
        }
        List<byte[]> single = new ArrayList<>();
        for (byte b : bytes) {
            single.add(new byte[] {b});
        }
        assertThat(eventsOf(single)).as("one byte per chunk").isEqualTo(expected);
    }

    @Test
    void windowsLineEndsAndBlankLinesChangeNothing() {
        List<StreamEvent> expected = eventsOf(List.of(TEXT_STREAM.getBytes(StandardCharsets.UTF_8)));
        String crlf = "\n" + TEXT_STREAM.replace("\n", "\r\n\r\n");

        assertThat(eventsOf(List.of(crlf.getBytes(StandardCharsets.UTF_8)))).isEqualTo(expected);
    }

    @Test
    void thinkingBecomesReasoningKeptApartFromTheAnswer() {
        feedWhole("""
                {"model":"qwen3","created_at":"2025-05-29T09:35:56.8Z","message":{"role":"assistant","content":"","thinking":"The user wants"},"done":false}
                {"model":"qwen3","created_at":"2025-05-29T09:35:56.9Z","message":{"role":"assistant","content":"","thinking":" a greeting."},"done":false}
                {"model":"qwen3","created_at":"2025-05-29T09:35:57.0Z","message":{"role":"assistant","content":"Hi!"},"done":false}
                {"model":"qwen3","created_at":"2025-05-29T09:35:57.1Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","prompt_eval_count":9,"eval_count":12}
                """);

        assertThat(listener.events(ReasoningDelta.class)).extracting(ReasoningDelta::text)
                .containsExactly("The user wants", " a greeting.");
        assertThat(listener.events(TextDelta.class)).extracting(TextDelta::text).containsExactly("Hi!");
        listener.awaitCompletion();
    }

    @Test
    void completeToolCallsBecomeOneDeltaEachWithIdsAndIndicesAcrossTheAnswer() {
        feedWhole(TOOL_STREAM);

        assertThat(listener.events(ToolCallDelta.class)).containsExactly(
                new ToolCallDelta(0, 0, "call_gen1", "get_current_weather",
                        "{\"format\":\"celsius\",\"location\":\"Paris, FR\"}"),
                new ToolCallDelta(0, 1, "call_ollama1", "get_time", "{}"),
                new ToolCallDelta(0, 2, "call_gen2", "noop", "{}"));
        assertThat(listener.events(Finish.class)).containsExactly(new Finish(0, FinishReason.TOOL_CALLS));
        assertThat(listener.events(UsageReport.class)).containsExactly(new UsageReport(new Usage(122, 33, false)));
        listener.awaitCompletion();
    }

    @Test
    void generatedCallIdsLookLikeOpenAiIdsAndDiffer() {
        RecordingListener calls = new RecordingListener();
        OllamaStreamDecoder real = new OllamaStreamDecoder(calls, PROMPT_ESTIMATE);
        real.onChunk(Buffer.buffer(TOOL_STREAM));

        List<String> generated = calls.events(ToolCallDelta.class).stream().map(ToolCallDelta::id)
                .filter(id -> !id.equals("call_ollama1")).toList();
        assertThat(generated).hasSize(2).allMatch(id -> id.matches("call_[A-Za-z0-9]{24}"));
        assertThat(generated.get(0)).isNotEqualTo(generated.get(1));
    }

    @ParameterizedTest(name = "done_reason {0} -> {1}")
    @CsvSource({"stop, STOP", "length, LENGTH", "load, STOP", "unload, STOP", "'', STOP"})
    void doneReasonMapsToFinishReason(String doneReason, FinishReason expected) {
        String reason = doneReason.isEmpty() ? "" : ",\"done_reason\":\"" + doneReason + "\"";
        feedWhole("{\"message\":{\"role\":\"assistant\",\"content\":\"x\"},\"done\":true" + reason
                + ",\"prompt_eval_count\":1,\"eval_count\":1}\n");

        assertThat(listener.events(Finish.class)).containsExactly(new Finish(0, expected));
        listener.awaitCompletion();
    }

    @Test
    void aMissingPromptCountIsEstimatedAndAMissingEvalCountLeavesUsageToDispatch() {
        feedWhole("{\"message\":{\"content\":\"x\"},\"done\":true,\"done_reason\":\"stop\",\"eval_count\":5}\n");
        assertThat(listener.events(UsageReport.class)).containsExactly(
                new UsageReport(new Usage(PROMPT_ESTIMATE, 5, true)));

        RecordingListener other = new RecordingListener();
        new OllamaStreamDecoder(other, PROMPT_ESTIMATE).onChunk(Buffer.buffer("{\"done\":true}\n"));
        assertThat(other.events(UsageReport.class)).isEmpty();
        other.awaitCompletion();
    }

    @Test
    void aLastLineWithoutLineEndStillCompletes() {
        decoder.onChunk(Buffer.buffer(TEXT_STREAM.strip()));
        assertThat(listener.ended()).isFalse();

        decoder.onEnd();

        listener.awaitCompletion();
        assertThat(listener.events(UsageReport.class)).hasSize(1);
    }

    @Test
    void aBodyEndingWithoutTheDoneLineIsATruncatedStream() {
        String withoutDone = TEXT_STREAM.lines().limit(2).map(line -> line + "\n").reduce("", String::concat);
        feedWhole(withoutDone);

        UpstreamFailure failure = listener.awaitFailure();

        assertThat(failure.kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(failure.message()).contains("done");
        assertThat(listener.events(TextDelta.class)).hasSize(2);
    }

    @Test
    void aBodyCutInsideALineIsAProtocolFailure() {
        feedWhole(TEXT_STREAM.substring(0, TEXT_STREAM.indexOf("\"done\":true")));

        assertThat(listener.awaitFailure().kind()).isEqualTo(Kind.PROTOCOL);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|',
            value = {"<html><body>502 Bad Gateway</body></html>", "[1,2,3]", "\"done\"", "{\"done\":tru"})
    void aLineThatIsNotAJsonObjectIsAProtocolFailureAndEndsTheStream(String garbage) {
        String first = TEXT_STREAM.lines().findFirst().orElseThrow();
        feedWhole(first + "\n" + garbage + "\n" + TEXT_STREAM);

        assertThat(listener.awaitFailure().kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(listener.events()).containsExactly(new TextDelta(0, "The"));
        assertThat(listener.terminalCalls()).isEqualTo(1);
    }

    @Test
    void anErrorLineMidStreamIsClassifiedAsAServerError() {
        String first = TEXT_STREAM.lines().findFirst().orElseThrow();
        feedWhole(first + "\n{\"error\":\"an error was encountered while running the model: unexpected EOF\"}\n");

        UpstreamFailure failure = listener.awaitFailure();

        assertThat(failure.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(failure.status()).isEqualTo(500);
        assertThat(failure.message()).isEqualTo("an error was encountered while running the model: unexpected EOF");
        assertThat(listener.events()).containsExactly(new TextDelta(0, "The"));
    }

    @Test
    void nothingIsReportedAfterTheDoneLine() {
        feedWhole(TEXT_STREAM + "{\"message\":{\"content\":\"late\"},\"done\":false}\n");

        assertThat(listener.events(TextDelta.class)).hasSize(2);
        assertThat(listener.terminalCalls()).isEqualTo(1);
    }

    @Test
    void anOverlongLineIsRefusedBeforeItExhaustsMemory() {
        List<byte[]> lines = new ArrayList<>();
        NdjsonLines splitter = new NdjsonLines(lines::add, 16);
        splitter.feed(Buffer.buffer("{\"a\":1}\n"));

        assertThatThrownBy(() -> splitter.feed(Buffer.buffer("{\"long\":\"0123456789\"}")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("16 bytes");
        assertThat(lines).hasSize(1);
    }

    /** The body arrives in one chunk, then ends. */
    private void feedWhole(String body) {
        decoder.onChunk(Buffer.buffer(body));
        decoder.onEnd();
    }

    private List<StreamEvent> eventsOf(List<byte[]> chunks) {
        RecordingListener recorder = new RecordingListener();
        OllamaStreamDecoder fresh = new OllamaStreamDecoder(recorder, PROMPT_ESTIMATE, () -> "call_x");
        for (byte[] chunk : chunks) {
            fresh.onChunk(Buffer.buffer(chunk));
        }
        fresh.onEnd();
        recorder.awaitCompletion();
        return recorder.events();
    }
}
