package dev.hearth.backend;

/** The wire protocol a backend speaks; one provider adapter package per value. */
public enum Protocol {
    OPENAI,
    OLLAMA,
    ANTHROPIC,
    EMBEDDED
}
