package dev.hearth.ingress.common;

import dev.hearth.backend.Backend;
import dev.hearth.routing.ModelDirectory;
import dev.hearth.routing.Route;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The model names a gateway lists to clients, every dialect alike: each backend's models in configuration order (a
 * name served by several backends is listed once, under the first), then the aliases in name order. Reads the
 * directory's current snapshot; stateless.
 */
public final class ServedModels {
    /** The owner of an alias, as dialects name it. */
    public static final String ALIAS_OWNER = "hearth";

    /**
     * One listed name.
     *
     * @param owner   the serving backend's name, or {@link #ALIAS_OWNER} for an alias
     * @param backend the backend that would answer first (an alias's first candidate), or null when an alias has no
     *                candidate that resolves
     */
    public record ServedModel(String name, String owner, Backend backend, boolean alias) {}

    private ServedModels() {}

    public static List<ServedModel> list(ModelDirectory directory) {
        List<ServedModel> models = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Backend backend : directory.backends()) {
            for (String model : backend.models()) {
                if (seen.add(model)) {
                    models.add(new ServedModel(model, backend.name(), backend, false));
                }
            }
        }
        directory.aliases().keySet().stream().sorted().filter(seen::add).forEach(alias -> {
            List<Route> routes = directory.plan(alias).routes();
            models.add(new ServedModel(alias, ALIAS_OWNER, routes.isEmpty() ? null : routes.getFirst().backend(),
                    true));
        });
        return models;
    }
}
