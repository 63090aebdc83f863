package dev.hearth.model;

import java.util.Map;

/** A function the model may call; {@code parameters} is its JSON Schema as a plain tree. */
public record ToolDefinition(String name, String description, Map<String, Object> parameters, Boolean strict) {}
