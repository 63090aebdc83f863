package dev.hearth.catalog;

/**
 * What Hearth knows about a model family. A null field means "unknown": eligibility never drops a candidate for an
 * unknown fact.
 *
 * @param contextWindow      tokens of prompt plus output the model accepts
 * @param tools              accepts function/tool definitions
 * @param vision             accepts image input
 * @param inputPerMillion    USD per million prompt tokens (for local models: what the operator configures)
 * @param outputPerMillion   USD per million completion tokens
 */
public record ModelInfo(String id, Integer contextWindow, Boolean tools, Boolean vision, Double inputPerMillion,
        Double outputPerMillion) {

    public static ModelInfo unknown(String id) {
        return new ModelInfo(id, null, null, null, null, null);
    }

    public boolean known() {
        return contextWindow != null || tools != null || vision != null || inputPerMillion != null;
    }
}
