package dev.hearth.model;

import java.util.List;

/** Vectors in input order, the model that produced them and the prompt tokens it counted. */
public record EmbeddingResponse(String model, List<float[]> vectors, int promptTokens) {}
