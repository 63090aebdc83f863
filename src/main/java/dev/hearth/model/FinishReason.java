package dev.hearth.model;

/** Why generation stopped, in OpenAI's vocabulary (the other dialects map onto it). */
public enum FinishReason {
    STOP("stop"),
    LENGTH("length"),
    TOOL_CALLS("tool_calls"),
    CONTENT_FILTER("content_filter");

    private final String wire;

    FinishReason(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static FinishReason fromOpenAi(String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "length" -> LENGTH;
            case "tool_calls", "function_call" -> TOOL_CALLS;
            case "content_filter" -> CONTENT_FILTER;
            default -> STOP;
        };
    }
}
