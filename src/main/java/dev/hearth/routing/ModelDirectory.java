package dev.hearth.routing;

import dev.hearth.backend.Backend;
import dev.hearth.backend.Locality;
import dev.hearth.catalog.ModelCatalog;
import dev.hearth.config.AliasConfig;
import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.error.GatewayException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the model a client named into a plan: an alias's ordered candidates, an explicit {@code backend/model}, or a
 * bare model name served by one or more backends (local ones first). Thread-safe: backends' model lists may change
 * under it (discovery), each call sees a consistent snapshot of each list.
 */
public final class ModelDirectory {
    private final List<Backend> backends;
    private final Map<String, Backend> byName = new LinkedHashMap<>();
    private final Map<String, AliasConfig> aliases;
    private final ModelCatalog catalog;

    public ModelDirectory(List<Backend> backends, Map<String, AliasConfig> aliases, ModelCatalog catalog) {
        this.backends = List.copyOf(backends);
        this.backends.forEach(b -> byName.put(b.name(), b));
        this.aliases = Map.copyOf(aliases);
        this.catalog = catalog;
    }

    public List<Backend> backends() {
        return backends;
    }

    public Map<String, AliasConfig> aliases() {
        return aliases;
    }

    public Backend backend(String name) {
        return byName.get(name);
    }

    /** Builds the plan, or throws a {@link GatewayException} (404) when nothing serves the name. */
    public RoutePlan plan(String requested) {
        if (requested == null || requested.isBlank()) {
            throw new GatewayException(GatewayError.invalid("model", "you must provide a model parameter"));
        }
        AliasConfig alias = aliases.get(requested);
        if (alias != null) {
            List<Route> routes = new ArrayList<>();
            for (String candidate : alias.candidates()) {
                routes.addAll(concrete(candidate));
            }
            return new RoutePlan(requested, routes, "alias " + requested, alias);
        }
        List<Route> routes = concrete(requested);
        if (routes.isEmpty()) {
            throw new GatewayException(new GatewayError(ErrorKind.NOT_FOUND,
                    "The model '" + requested + "' does not exist or no backend serves it. GET /v1/models lists what"
                            + " this gateway serves.",
                    "model_not_found", "model", null));
        }
        return new RoutePlan(requested, routes, routes.size() == 1 ? "model" : "model on " + routes.size() + " backends",
                null);
    }

    private List<Route> concrete(String reference) {
        int slash = reference.indexOf('/');
        if (slash > 0) {
            Backend named = byName.get(reference.substring(0, slash));
            if (named != null) {
                String model = reference.substring(slash + 1);
                return List.of(new Route(named, model, catalog.lookup(model)));
            }
        }
        return backends.stream()
                .filter(b -> b.serves(reference))
                .sorted(Comparator.comparing(b -> b.locality() == Locality.LOCAL ? 0 : 1))
                .map(b -> new Route(b, reference, catalog.lookup(reference)))
                .toList();
    }
}
