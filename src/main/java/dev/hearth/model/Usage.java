package dev.hearth.model;

/** Token counts of one completed answer. {@code estimated} is true when Hearth counted because the backend did not say. */
public record Usage(int promptTokens, int completionTokens, boolean estimated) {
    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
