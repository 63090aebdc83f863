package dev.hearth.cli;

import dev.hearth.auth.AuthMode;
import dev.hearth.config.AuthConfig;
import dev.hearth.server.HearthServer;

/**
 * The start-up lines about keys and audit: the auth mode and why, where the state lives, and, at the very first
 * start only, the admin key (shown this once; Hearth keeps only its hash).
 */
final class GovernanceSummary {
    private GovernanceSummary() {}

    static String render(HearthServer server) {
        var gateway = server.gateway();
        AuthMode mode = gateway.authenticator().mode();
        String host = gateway.config().server().host();
        boolean loopback = AuthConfig.isLoopbackBind(host);
        StringBuilder out = new StringBuilder();
        out.append("  Auth:        ").append(mode.wire()).append(switch (mode) {
            case OPTIONAL -> loopback ? " (loopback: requests without a key run as the local user)"
                    : " (WARNING: anyone who can reach " + host + " may call models without a key)";
            case REQUIRED -> " (every request needs an API key)";
            case OFF -> " (API keys are not checked; the admin API still needs one)";
        }).append('\n');
        out.append("  State:       ").append(gateway.governance().state().path()).append("  (audit node ")
                .append(gateway.governance().node()).append(")\n");
        server.firstAdminKey().ifPresent(issued -> out.append("""
                First start: an admin key was created. It is shown this once; Hearth keeps only its hash.
                  %s
                Use it for the admin API (Authorization: Bearer ...), or create more with: bin/hearth keys create
                """.formatted(issued.secret().reveal())));
        if (mode == AuthMode.REQUIRED && gateway.governance().ring().size() == 0) {
            out.append("No API keys yet, so every request is refused: run bin/hearth keys create --name NAME"
                    + " --role admin\n");
        }
        return out.toString();
    }
}
