package dev.hearth.ingress.responses;

import dev.hearth.model.FinishReason;
import dev.hearth.model.StreamEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds canonical stream events into a response's output items, in the order the answer produced them, and tells a
 * {@link Listener} as items open, grow and close (the streaming sink turns that into SSE events; a non-streaming
 * answer listens to nothing and reads {@link #items()} at the end). One code path, so both forms of an answer carry
 * the same items, ids and statuses.
 *
 * <p>Items are sequential, as OpenAI streams them: text, reasoning or a new tool call closes the item before it. Only
 * the first choice is read (the Responses API has no {@code n}). Not thread-safe: one per exchange, on its event loop.
 */
final class ResponseOutput {

    /** What a streaming client must hear about; every method has a silent default. */
    interface Listener {
        default void added(int outputIndex, OutputItem item) { }

        default void textDelta(int outputIndex, String itemId, String delta) { }

        default void reasoningDelta(int outputIndex, String itemId, String delta) { }

        default void argumentsDelta(int outputIndex, String itemId, String delta) { }

        default void done(int outputIndex, OutputItem item) { }
    }

    static final Listener SILENT = new Listener() { };

    private enum Kind { MESSAGE, REASONING, FUNCTION_CALL }

    private final String requestId;
    private final Listener listener;
    private final List<Item> items = new ArrayList<>();
    private final Map<Integer, Item> callsByIndex = new HashMap<>();
    private Item open;
    private FinishReason finish;

    ResponseOutput(String requestId, Listener listener) {
        this.requestId = requestId;
        this.listener = listener;
    }

    void add(StreamEvent event) {
        switch (event) {
            case StreamEvent.TextDelta d when d.choice() == 0 -> grow(Kind.MESSAGE, d.text());
            case StreamEvent.ReasoningDelta d when d.choice() == 0 -> grow(Kind.REASONING, d.text());
            case StreamEvent.ToolCallDelta d when d.choice() == 0 -> call(d);
            case StreamEvent.Finish f when f.choice() == 0 -> finish = f.reason();
            default -> { }
        }
    }

    /**
     * Closes the open item: {@code incomplete} when the answer was cut short, else {@code completed}. An answer with
     * no items at all gets one empty message, so every answer has something to read.
     */
    void close() {
        if (items.isEmpty()) {
            open(Kind.MESSAGE);
        }
        closeOpen(incompleteReason() != null ? OutputItem.INCOMPLETE : OutputItem.COMPLETED);
    }

    /** Why the answer is incomplete ({@code max_output_tokens}, {@code content_filter}), or null when it is not. */
    String incompleteReason() {
        if (finish == FinishReason.LENGTH) {
            return "max_output_tokens";
        }
        return finish == FinishReason.CONTENT_FILTER ? "content_filter" : null;
    }

    /** Every item as it stands; an item still open reads as {@code incomplete} (used when the answer failed). */
    List<OutputItem> items() {
        return items.stream().map(item -> item.snapshot(item == open ? OutputItem.INCOMPLETE : item.status)).toList();
    }

    private void grow(Kind kind, String delta) {
        if (open == null || open.kind != kind) {
            open(kind);
        }
        open.text.append(delta);
        if (kind == Kind.MESSAGE) {
            listener.textDelta(open.index, open.id, delta);
        } else {
            listener.reasoningDelta(open.index, open.id, delta);
        }
    }

    private void call(StreamEvent.ToolCallDelta d) {
        Item call = callsByIndex.get(d.index());
        if (call == null) {
            call = open(Kind.FUNCTION_CALL, d.id() != null ? d.id() : "call_" + requestId + "_" + items.size(),
                    d.name());
            callsByIndex.put(d.index(), call);
        }
        if (call.name == null && d.name() != null) {
            call.name = d.name();
        }
        if (d.argumentsDelta() == null || d.argumentsDelta().isEmpty()) {
            return;
        }
        call.text.append(d.argumentsDelta());
        // Backends stream calls one after another (or whole); a piece for a call already closed would only reach the
        // final output, never a delta event after that call's done event.
        if (call == open) {
            listener.argumentsDelta(call.index, call.id, d.argumentsDelta());
        }
    }

    private Item open(Kind kind) {
        return open(kind, null, null);
    }

    private Item open(Kind kind, String callId, String name) {
        closeOpen(OutputItem.COMPLETED);
        String prefix = switch (kind) {
            case MESSAGE -> "msg_";
            case REASONING -> "rs_";
            case FUNCTION_CALL -> "fc_";
        };
        Item item = new Item(kind, prefix + requestId + "_" + items.size(), items.size(), callId, name);
        items.add(item);
        open = item;
        listener.added(item.index, item.snapshot(OutputItem.IN_PROGRESS));
        return item;
    }

    private void closeOpen(String status) {
        if (open == null) {
            return;
        }
        Item closing = open;
        open = null;
        closing.status = status;
        listener.done(closing.index, closing.snapshot(status));
    }

    private static final class Item {
        final Kind kind;
        final String id;
        final int index;
        final String callId;
        final StringBuilder text = new StringBuilder();
        String name;
        String status = OutputItem.IN_PROGRESS;

        Item(Kind kind, String id, int index, String callId, String name) {
            this.kind = kind;
            this.id = id;
            this.index = index;
            this.callId = callId;
            this.name = name;
        }

        OutputItem snapshot(String itemStatus) {
            boolean started = !itemStatus.equals(OutputItem.IN_PROGRESS) || !text.isEmpty();
            return switch (kind) {
                case MESSAGE -> new OutputItem.Message(id, itemStatus, started ? text.toString() : null);
                case REASONING -> new OutputItem.Reasoning(id, itemStatus, started ? text.toString() : null);
                case FUNCTION_CALL -> new OutputItem.FunctionCall(id, itemStatus, callId, name == null ? "" : name,
                        text.toString());
            };
        }
    }
}
