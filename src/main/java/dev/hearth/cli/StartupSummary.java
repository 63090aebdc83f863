package dev.hearth.cli;

import dev.hearth.backend.Backend;
import dev.hearth.backend.Protocol;
import dev.hearth.config.AliasConfig;
import dev.hearth.config.PrivacyConfig;
import dev.hearth.server.HearthServer;
import java.util.List;
import java.util.Map;

/** The one readable screen printed at start: where Hearth listens, what it found, and what to do if it found nothing. */
final class StartupSummary {
    private static final int MODELS_SHOWN = 4;

    private StartupSummary() {}

    static String render(HearthServer server, long startMillis) {
        var gateway = server.gateway();
        var config = gateway.config().server();
        StringBuilder out = new StringBuilder();
        out.append("Hearth ").append(Version.current()).append(" listening on http://").append(config.host())
                .append(':').append(server.port()).append("  (started in ").append(startMillis).append(" ms)\n");
        out.append("  OpenAI API:  http://").append(config.host()).append(':').append(server.port()).append("/v1\n");
        out.append(GovernanceSummary.render(server));
        out.append("Backends:\n");
        for (Backend backend : gateway.backends()) {
            out.append(String.format("  %-12s %-5s %-9s %-32s %s%n", backend.name(),
                    backend.locality().name().toLowerCase(), backend.protocol().name().toLowerCase(),
                    backend.protocol() == Protocol.EMBEDDED ? "in-process" : backend.config().baseUrl(),
                    models(backend, gateway.readiness().ready())));
        }
        for (Map.Entry<String, AliasConfig> alias : gateway.directory().aliases().entrySet()) {
            out.append("Alias ").append(alias.getKey()).append(" (")
                    .append(alias.getValue().strategy().name().toLowerCase().replace('_', '-')).append(") -> ")
                    .append(String.join(", ", alias.getValue().candidates())).append('\n');
        }
        out.append(privacy(gateway.config().privacy()));
        if (gateway.backends().stream().allMatch(b -> b.protocol() == Protocol.EMBEDDED)) {
            out.append("""
                    No chat backend found. Chat requests will be refused until you add one:
                      - start a local server (Ollama on :11434, LM Studio on :1234, vLLM on :8000, llama.cpp on :8080)
                        and restart Hearth, or
                      - export a cloud key (OPENAI_API_KEY, ANTHROPIC_API_KEY, GROQ_API_KEY, ...), or
                      - run: bin/hearth serve --config hearth.yaml   (see README, "Configuration")
                    """);
        }
        return out.toString();
    }

    /** One line: the privacy guard's state and policy, so nobody has to guess what leaves the machine. */
    private static String privacy(PrivacyConfig privacy) {
        if (!privacy.enabled()) {
            return "Privacy guard: OFF (requests are sent as they are)\n";
        }
        StringBuilder line = new StringBuilder("Privacy guard: ");
        privacy.policy().actions().forEach((dataClass, action) -> line.append(dataClass.name().toLowerCase())
                .append(' ').append(action.wire()).append(", "));
        line.setLength(line.length() - 2);
        if (!privacy.customRules().isEmpty()) {
            line.append(" (").append(privacy.customRules().size()).append(" custom rules)");
        }
        return line.append('\n').toString();
    }

    private static String models(Backend backend, boolean ready) {
        List<String> models = backend.models();
        if (models.isEmpty()) {
            return ready ? "(models: none listed)" : "(listing models in the background)";
        }
        String shown = String.join(", ", models.subList(0, Math.min(MODELS_SHOWN, models.size())));
        return models.size() > MODELS_SHOWN ? shown + " (+" + (models.size() - MODELS_SHOWN) + " more)" : shown;
    }
}
