package dev.hearth.ingress.ollama;

import dev.hearth.model.ChatRequest;

/**
 * A decoded {@code /api/chat} or {@code /api/generate} request: the canonical request plus what only the Ollama
 * dialect needs to answer it.
 *
 * @param request      the canonical request; no messages means Ollama's "load the model" call
 * @param showThinking false when the client sent {@code think: false}: reasoning the backend still produces is not
 *                     shown (Hearth cannot tell every backend not to think)
 * @param unload       {@code keep_alive} was zero: with no messages, Ollama's "unload the model" call
 */
record OllamaCall(ChatRequest request, boolean showThinking, boolean unload) {

    /** Ollama's load (or unload) call: a model and no conversation. Answered at once, without a backend. */
    boolean isLoadCall() {
        return request.messages().isEmpty();
    }
}
