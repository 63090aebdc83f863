package dev.hearth.cli;

import dev.hearth.backend.Backend;
import dev.hearth.backend.BackendHealth;
import dev.hearth.catalog.ModelCatalogLoader;
import dev.hearth.config.ConfigException;
import dev.hearth.config.ConfigLoader;
import dev.hearth.config.HearthConfig;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.ContentPart;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import dev.hearth.model.Sampling;
import dev.hearth.model.ToolDefinition;
import dev.hearth.provider.embedded.MiniLmEmbeddingEngine;
import dev.hearth.provider.embedded.MiniLmPromptEmbedder;
import dev.hearth.routing.Decision;
import dev.hearth.routing.ModelDirectory;
import dev.hearth.routing.RoutePlanner;
import dev.hearth.routing.quality.QualityModel;
import dev.hearth.routing.quality.QualityModelEstimator;
import dev.hearth.tokens.TokenCounter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hearth route explain}: the decision {@code serve} would make for a sample request, from the configuration's
 * declared backends and models (no discovery, no upstream call), with the same planner, catalog and quality model.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show the routing decision for a sample request: candidates, why any were dropped, ranking, order.")
final class RouteExplainCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", required = true, description = "YAML configuration file.")
    Path config;

    @Option(names = "--model", required = true, description = "Model or alias the client names.")
    String model;

    @Option(names = "--prompt", defaultValue = "Hello", description = "The user prompt (default: ${DEFAULT-VALUE}).")
    String prompt;

    @Option(names = "--tools", description = "The request carries a tool definition.")
    boolean tools;

    @Option(names = "--image", description = "The request carries an image.")
    boolean image;

    @Option(names = "--max-tokens", description = "The request's output limit.")
    Integer maxTokens;

    @Override
    public Integer call() {
        HearthConfig loaded;
        try {
            loaded = ConfigLoader.load(config, System.getenv());
        } catch (ConfigException invalid) {
            System.err.println("hearth: invalid configuration: " + invalid.getMessage());
            return 2;
        }
        List<Backend> backends = loaded.backends().stream()
                .map(b -> new Backend(b, new BackendHealth(b.name(), loaded.failover())))
                .toList();
        ModelDirectory directory = new ModelDirectory(backends, loaded.aliases(), ModelCatalogLoader.shipped());
        try (MiniLmEmbeddingEngine engine = new MiniLmEmbeddingEngine()) {
            // The model serve would use: the configuration's retrained one, or the shipped one.
            var quality = new QualityModelEstimator(
                    QualityModel.loadOrShipped(loaded.router().model(), new MiniLmPromptEmbedder(engine)));
            Decision decision = new RoutePlanner(directory, new TokenCounter(), quality).decide(request());
            System.out.print(decision.render());
            return decision.refusal() == null ? 0 : 1;
        }
    }

    private ChatRequest request() {
        List<ContentPart> parts = new ArrayList<>();
        parts.add(new ContentPart.Text(prompt));
        if (image) {
            parts.add(new ContentPart.Image("data:image/png;base64,iVBORw0KGgo=", null));
        }
        List<ToolDefinition> definitions = tools
                ? List.of(new ToolDefinition("example_tool", "A sample tool", Map.of("type", "object"), null))
                : List.of();
        return new ChatRequest(model, List.of(new Message(Role.USER, parts, List.of(), null, null)), definitions, null,
                null, new Sampling(null, null, null, maxTokens, false, List.of(), null, null, null), false, false,
                Map.of());
    }
}
