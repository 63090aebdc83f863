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
 * @param jsonSchema         accepts {@code response_format: json_schema} (structured output); false where the
 *                           provider refuses it (a request that needs it must go elsewhere)
 */
public record ModelInfo(String id, Integer contextWindow, Boolean tools, Boolean vision, Double inputPerMillion,
        Double outputPerMillion, Boolean jsonSchema) {

    /** A family whose structured-output support is not recorded. */
    public ModelInfo(String id, Integer contextWindow, Boolean tools, Boolean vision, Double inputPerMillion,
            Double outputPerMillion) {
        this(id, contextWindow, tools, vision, inputPerMillion, outputPerMillion, null);
    }

    public static ModelInfo unknown(String id) {
        return new ModelInfo(id, null, null, null, null, null, null);
    }

    public boolean known() {
        return contextWindow != null || tools != null || vision != null || inputPerMillion != null
                || jsonSchema != null;
    }
}
