package dev.hearth.ingress.responses;

import static dev.hearth.ingress.responses.ResponseEventsReader.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.ingress.responses.ResponseEventsReader.Event;
import dev.hearth.json.Json;
import dev.hearth.model.FinishReason;
import dev.hearth.model.StreamEvent;
import dev.hearth.model.Usage;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Output items and their events in memory: the cases the fake upstreams do not produce. */
class ResponseOutputTest {
    private static final ResponsesRequest.Echo ECHO = new ResponsesRequest.Echo(null, null, null, null, true,
            Json.MAPPER.createArrayNode(), Json.MAPPER.getNodeFactory().textNode("auto"), Json.object(),
            Json.object(), null);

    private final Buffer written = Buffer.buffer();
    private final ResponseEvents events = new ResponseEvents(written::appendBuffer,
            new ResponseBody("resp_r1", 1L, "m", ECHO));
    private final ResponseOutput output = new ResponseOutput("r1", events);

    private List<Event> finish() {
        output.close();
        events.finished(output.items(), new Usage(1, 2, false), output.incompleteReason());
        return ResponseEventsReader.read(written.toString());
    }

    @Test
    void reasoningIsItsOwnItemBeforeTheMessage() {
        events.started();
        output.add(new StreamEvent.ReasoningDelta(0, "think"));
        output.add(new StreamEvent.ReasoningDelta(0, "ing"));
        output.add(new StreamEvent.TextDelta(0, "answer"));
        List<Event> stream = finish();
        assertThat(types(stream)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.reasoning_text.delta", "response.reasoning_text.delta",
                "response.reasoning_text.done", "response.output_item.done", "response.output_item.added",
                "response.content_part.added", "response.output_text.delta", "response.output_text.done",
                "response.content_part.done", "response.output_item.done", "response.completed");
        assertThat(stream.get(5).data().path("text").asText()).isEqualTo("thinking");
        List<OutputItem> items = output.items();
        assertThat(items).containsExactly(new OutputItem.Reasoning("rs_r1_0", "completed", "thinking"),
                new OutputItem.Message("msg_r1_1", "completed", "answer"));
    }

    @Test
    void anAnswerWithNoContentStillHasOneEmptyMessage() {
        events.started();
        output.add(new StreamEvent.Finish(0, FinishReason.STOP));
        List<Event> stream = finish();
        assertThat(types(stream)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.done",
                "response.content_part.done", "response.output_item.done", "response.completed");
        assertThat(output.items()).containsExactly(new OutputItem.Message("msg_r1_0", "completed", ""));
    }

    @Test
    void aCallWithoutAnIdGetsOneAndLaterPiecesOfAClosedCallStillReachTheFinalOutput() {
        output.add(new StreamEvent.ToolCallDelta(0, 0, null, "a", "{\"x\":"));
        output.add(new StreamEvent.ToolCallDelta(0, 1, "call_b", "b", "{}"));
        output.add(new StreamEvent.ToolCallDelta(0, 0, null, null, "1}"));
        List<Event> stream = finish();
        assertThat(types(stream).stream().filter(t -> t.endsWith("arguments.delta")).count()).isEqualTo(2);
        assertThat(output.items()).containsExactly(
                new OutputItem.FunctionCall("fc_r1_0", "completed", "call_r1_0", "a", "{\"x\":1}"),
                new OutputItem.FunctionCall("fc_r1_1", "completed", "call_b", "b", "{}"));
        assertThat(stream.getLast().data().at("/response/output/0/arguments").asText()).isEqualTo("{\"x\":1}");
    }

    @Test
    void aContentFilterStopIsIncompleteForThatReason() {
        output.add(new StreamEvent.TextDelta(0, "partial"));
        output.add(new StreamEvent.Finish(0, FinishReason.CONTENT_FILTER));
        List<Event> stream = finish();
        assertThat(stream.getLast().type()).isEqualTo("response.incomplete");
        assertThat(stream.getLast().data().at("/response/incomplete_details/reason").asText())
                .isEqualTo("content_filter");
    }

    @Test
    void otherChoicesAndWireFramesAreIgnored() {
        output.add(new StreamEvent.TextDelta(1, "second choice"));
        output.add(new StreamEvent.WireFrame(StreamEvent.WireFrame.OPENAI_CHAT, new byte[] {'x'}, false));
        output.add(new StreamEvent.TextDelta(0, "first"));
        finish();
        assertThat(output.items()).containsExactly(new OutputItem.Message("msg_r1_0", "completed", "first"));
    }
}
