package dev.hearth.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds stream events into complete choices, for clients that asked for one JSON answer. Tool-call deltas are
 * joined by their index; the first delta names the call. Not thread-safe (one per exchange).
 */
public final class AnswerCollector {
    private final Map<Integer, MutableChoice> choices = new TreeMap<>();

    /** One complete choice. {@code toolCalls} are ordered by their stream index. */
    public record Choice(int index, String text, String reasoning, List<ToolCall> toolCalls, FinishReason finishReason) {}

    public void add(StreamEvent event) {
        switch (event) {
            case StreamEvent.TextDelta d -> choice(d.choice()).text.append(d.text());
            case StreamEvent.ReasoningDelta d -> choice(d.choice()).reasoning.append(d.text());
            case StreamEvent.ToolCallDelta d -> {
                PartialCall call = choice(d.choice()).calls.computeIfAbsent(d.index(), i -> new PartialCall());
                if (d.id() != null && call.id == null) {
                    call.id = d.id();
                }
                if (d.name() != null && call.name == null) {
                    call.name = d.name();
                }
                if (d.argumentsDelta() != null) {
                    call.arguments.append(d.argumentsDelta());
                }
            }
            case StreamEvent.Finish f -> choice(f.choice()).finish = f.reason();
            case StreamEvent.UsageReport u -> { }
            case StreamEvent.WireFrame f -> { }
        }
    }

    public List<Choice> choices() {
        if (choices.isEmpty()) {
            choice(0);
        }
        List<Choice> out = new ArrayList<>();
        choices.forEach((index, c) -> {
            List<ToolCall> calls = new ArrayList<>();
            c.calls.forEach((i, p) -> calls.add(new ToolCall(p.id, p.name, p.arguments.toString())));
            FinishReason finish = c.finish != null ? c.finish : calls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS;
            out.add(new Choice(index, c.text.toString(), c.reasoning.toString(), calls, finish));
        });
        return out;
    }

    private MutableChoice choice(int index) {
        return choices.computeIfAbsent(index, i -> new MutableChoice());
    }

    private static final class MutableChoice {
        final StringBuilder text = new StringBuilder();
        final StringBuilder reasoning = new StringBuilder();
        final Map<Integer, PartialCall> calls = new TreeMap<>();
        FinishReason finish;
    }

    private static final class PartialCall {
        String id;
        String name;
        final StringBuilder arguments = new StringBuilder();
    }
}
