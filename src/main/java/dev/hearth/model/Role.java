package dev.hearth.model;

/** Who said a message, in the spec's words. */
public enum Role {
    SYSTEM,
    USER,
    ASSISTANT,
    TOOL
}
