package dev.hearth.routing;

import dev.hearth.catalog.ModelInfo;
import dev.hearth.model.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The first half of every routing decision: which candidates can serve this request at all. A candidate is dropped,
 * with the reason kept, when the catalog knows it lacks a capability the request needs (tools, image input, JSON
 * Schema output) or its
 * context window cannot hold the prompt plus the requested output. Unknown facts never drop a candidate. The data's
 * sensitivity is decided before this, in {@link RoutePlanner} (local-only withholds cloud candidates first); later
 * constraints (the caller's permissions, the budget left) join here.
 */
public final class Eligibility {

    /** The candidates kept, in plan order, and why each other one was dropped ("backend/model: reason"). */
    public record Result(List<Route> eligible, List<String> dropped) {}

    private Eligibility() {}

    /**
     * @param promptTokens counts the prompt's tokens; called at most once, and only if some candidate's context window
     *                     is known
     */
    public static Result filter(List<Route> candidates, ChatRequest request, IntSupplier promptTokens) {
        List<Route> eligible = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        int prompt = -1;
        for (Route route : candidates) {
            ModelInfo info = route.info();
            String why = null;
            if (request.needsTools() && Boolean.FALSE.equals(info.tools())) {
                why = "does not support tools";
            } else if (request.hasImages() && Boolean.FALSE.equals(info.vision())) {
                why = "does not accept images";
            } else if (request.needsJsonSchema() && Boolean.FALSE.equals(info.jsonSchema())) {
                why = "does not support JSON schema output";
            } else if (info.contextWindow() != null) {
                if (prompt < 0) {
                    prompt = promptTokens.getAsInt();
                }
                int output = request.sampling().maxTokens() == null ? 0 : request.sampling().maxTokens();
                if (prompt + output > info.contextWindow()) {
                    why = "context window " + info.contextWindow() + " tokens < prompt " + prompt
                            + (output > 0 ? " + max output " + output : "");
                }
            }
            if (why == null) {
                eligible.add(route);
            } else {
                dropped.add(route.ref() + " " + why);
            }
        }
        return new Result(eligible, dropped);
    }
}
