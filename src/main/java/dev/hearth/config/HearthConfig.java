package dev.hearth.config;

import java.util.List;
import java.util.Map;

/**
 * The whole configuration, immutable, validated once at start.
 *
 * @param server   where Hearth listens
 * @param backends every upstream Hearth may call, in declaration order
 * @param aliases  alias name to its candidates ("backend/model" or a bare model name) and strategy
 * @param failover retry, breaker and timeout policy shared by all routes
 * @param discovery whether local servers and cloud keys are looked for at start
 * @param privacy  the privacy guard: on or off, the global policy and custom detection rules
 */
public record HearthConfig(
        ServerConfig server,
        List<BackendConfig> backends,
        Map<String, AliasConfig> aliases,
        FailoverConfig failover,
        DiscoveryConfig discovery,
        PrivacyConfig privacy) {

    public HearthConfig {
        backends = List.copyOf(backends);
        aliases = Map.copyOf(aliases);
    }

    /** A configuration with the default privacy guard. */
    public HearthConfig(ServerConfig server, List<BackendConfig> backends, Map<String, AliasConfig> aliases,
            FailoverConfig failover, DiscoveryConfig discovery) {
        this(server, backends, aliases, failover, discovery, PrivacyConfig.defaults());
    }

    /** Embedded defaults: loopback, no explicit backends, discovery on. */
    public static HearthConfig defaults() {
        return new HearthConfig(ServerConfig.defaults(), List.of(), Map.of(), FailoverConfig.defaults(),
                DiscoveryConfig.defaults());
    }

    public HearthConfig withBackends(List<BackendConfig> newBackends) {
        return new HearthConfig(server, newBackends, aliases, failover, discovery, privacy);
    }
}
