package dev.hearth.privacy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.model.FinishReason;
import dev.hearth.model.StreamEvent;
import dev.hearth.model.Usage;
import dev.hearth.provider.UpstreamFailure;
import dev.hearth.provider.UpstreamListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The per-attempt restoring step: each stream restored on its own, held text released in order, wire frames gone. */
class RestoringListenerTest {
    private final List<Object> seen = new ArrayList<>();
    private final UpstreamListener recorder = new UpstreamListener() {
        @Override
        public void onEvent(StreamEvent event) {
            seen.add(event);
        }

        @Override
        public void onComplete() {
            seen.add("complete");
        }

        @Override
        public void onFailure(UpstreamFailure failure) {
            seen.add("failed");
        }
    };
    private final Placeholders placeholders = new Placeholders(Set.of());
    private final String email = placeholders.placeholder("EMAIL_ADDRESS", "jane.doe@example.com");

    private RestoringListener listener(boolean json) {
        return new RestoringListener(recorder, placeholders, json);
    }

    @Test
    void aPlaceholderSplitAcrossTextDeltasArrivesWholeAndWireFramesAreDropped() {
        RestoringListener listener = listener(false);
        listener.onEvent(new StreamEvent.TextDelta(0, "Mail " + email.substring(0, 6)));
        listener.onEvent(new StreamEvent.WireFrame(StreamEvent.WireFrame.OPENAI_CHAT, new byte[] {1}, false));
        listener.onEvent(new StreamEvent.TextDelta(0, email.substring(6) + " now"));
        listener.onEvent(new StreamEvent.Finish(0, FinishReason.STOP));
        listener.onEvent(new StreamEvent.UsageReport(new Usage(1, 2, false)));
        listener.onComplete();
        assertThat(seen).containsExactly(new StreamEvent.TextDelta(0, "Mail "),
                new StreamEvent.TextDelta(0, "jane.doe@example.com now"), new StreamEvent.Finish(0, FinishReason.STOP),
                new StreamEvent.UsageReport(new Usage(1, 2, false)), "complete");
    }

    @Test
    void toolCallArgumentsAreRestoredAsEscapedJsonAndTheFirstDeltaKeepsItsIdAndName() {
        placeholders.placeholder("GENERIC_SECRET", "a\"b");
        RestoringListener listener = listener(false);
        listener.onEvent(new StreamEvent.ToolCallDelta(0, 0, "call_1", "send", "{\"to\":\"<<EMAIL"));
        listener.onEvent(new StreamEvent.ToolCallDelta(0, 0, null, null, "_ADDRESS_1>>\",\"k\":\"<<GENERIC_SECRET_1>>\"}"));
        listener.onComplete();
        assertThat(seen).containsExactly(new StreamEvent.ToolCallDelta(0, 0, "call_1", "send", "{\"to\":\""),
                new StreamEvent.ToolCallDelta(0, 0, null, null, "jane.doe@example.com\",\"k\":\"a\\\"b\"}"),
                "complete");
    }

    @Test
    void heldTextIsReleasedBeforeAnotherStreamBeforeAFinishAndBeforeAFailure() {
        RestoringListener listener = listener(false);
        listener.onEvent(new StreamEvent.ReasoningDelta(0, "think <"));
        listener.onEvent(new StreamEvent.TextDelta(0, "answer <<"));
        listener.onEvent(new StreamEvent.Finish(0, FinishReason.STOP));
        listener.onEvent(new StreamEvent.TextDelta(1, "<<EM"));
        listener.onFailure(UpstreamFailure.of(UpstreamFailure.Kind.PROTOCOL, "broken"));
        assertThat(seen).containsExactly(new StreamEvent.ReasoningDelta(0, "think "),
                new StreamEvent.ReasoningDelta(0, "<"), new StreamEvent.TextDelta(0, "answer "),
                new StreamEvent.TextDelta(0, "<<"), new StreamEvent.Finish(0, FinishReason.STOP),
                new StreamEvent.TextDelta(1, "<<EM"), "failed");
    }

    @Test
    void anAnswerInAJsonResponseFormatGetsEscapedOriginals() {
        placeholders.placeholder("PERSON", "Jo \"JJ\" Smith");
        RestoringListener listener = listener(true);
        listener.onEvent(new StreamEvent.TextDelta(0, "{\"name\":\"<<PERSON_1>>\"}"));
        listener.onComplete();
        assertThat(seen.getFirst()).isEqualTo(new StreamEvent.TextDelta(0, "{\"name\":\"Jo \\\"JJ\\\" Smith\"}"));
    }
}
