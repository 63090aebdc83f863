package dev.hearth.model;

/**
 * What an upstream produces, one event at a time, in a dialect-neutral form. A non-streaming answer is the same
 * events collected. Events of one attempt arrive in order on one thread.
 */
public sealed interface StreamEvent {

    /** Generated text for one choice. */
    record TextDelta(int choice, String text) implements StreamEvent {}

    /** Model reasoning text ("thinking"), kept apart from the answer. */
    record ReasoningDelta(int choice, String text) implements StreamEvent {}

    /**
     * A piece of a tool call. The first delta of a call carries {@code id} and {@code name}; later ones append to
     * {@code argumentsDelta}. {@code index} orders calls within a choice.
     */
    record ToolCallDelta(int choice, int index, String id, String name, String argumentsDelta) implements StreamEvent {}

    /** A choice is complete. */
    record Finish(int choice, FinishReason reason) implements StreamEvent {}

    /** Token usage of the whole answer; at most one per attempt, normally last. */
    record UsageReport(Usage usage) implements StreamEvent {}

    /**
     * The upstream's own bytes for the events just delivered, in the upstream's wire format ({@code wire}, e.g.
     * "openai-chat"). A client sink that speaks the same format relays them as they are instead of re-encoding;
     * every other sink ignores them.
     *
     * @param usageOnly the frame carries only usage (relayed only to clients that asked for usage); in Ollama's
     *                  format, the final {@code done} line, which carries the usage and ends the answer
     * @param reasoning the frame carries reasoning text (a sink whose client turned thinking off cannot relay it)
     */
    record WireFrame(String wire, byte[] bytes, boolean usageOnly, boolean reasoning) implements StreamEvent {
        /** OpenAI Chat Completions SSE frames ({@code data: {...}\n\n}). */
        public static final String OPENAI_CHAT = "openai-chat";
        /** Anthropic Messages SSE events ({@code event: <type>\ndata: {...}\n\n}). */
        public static final String ANTHROPIC_MESSAGES = "anthropic-messages";
        /** Ollama {@code /api/chat} NDJSON lines ({@code {...}\n}). */
        public static final String OLLAMA_CHAT = "ollama-chat";

        public WireFrame(String wire, byte[] bytes, boolean usageOnly) {
            this(wire, bytes, usageOnly, false);
        }
    }

    /** Whether this event carries something the client will see as answer content. */
    default boolean isContent() {
        return this instanceof TextDelta || this instanceof ToolCallDelta || this instanceof ReasoningDelta;
    }
}
