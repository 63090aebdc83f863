package dev.hearth.model;

/** A complete function call made by the model; {@code arguments} is the JSON text as the model wrote it. */
public record ToolCall(String id, String name, String arguments) {}
