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
 * @param state    where Hearth keeps keys and the audit log
 * @param auth     whether requests need an API key
 * @param audit    the audit log's node id and checkpoints
 * @param privacy  the privacy guard: on or off, the global policy and custom detection rules
 * @param limits   team and user rate limits and budgets, prices, and where the counters live
 * @param router   the quality router's model
 */
public record HearthConfig(
        ServerConfig server,
        List<BackendConfig> backends,
        Map<String, AliasConfig> aliases,
        FailoverConfig failover,
        DiscoveryConfig discovery,
        StateConfig state,
        AuthConfig auth,
        AuditConfig audit,
        PrivacyConfig privacy,
        LimitsConfig limits,
        RouterConfig router) {

    public HearthConfig {
        backends = List.copyOf(backends);
        aliases = Map.copyOf(aliases);
    }

    /** Without the router section: the shipped model. */
    public HearthConfig(ServerConfig server, List<BackendConfig> backends, Map<String, AliasConfig> aliases,
            FailoverConfig failover, DiscoveryConfig discovery, StateConfig state, AuthConfig auth, AuditConfig audit,
            PrivacyConfig privacy, LimitsConfig limits) {
        this(server, backends, aliases, failover, discovery, state, auth, audit, privacy, limits,
                RouterConfig.defaults());
    }

    /** Without the governance and privacy sections: their defaults. */
    public HearthConfig(ServerConfig server, List<BackendConfig> backends, Map<String, AliasConfig> aliases,
            FailoverConfig failover, DiscoveryConfig discovery) {
        this(server, backends, aliases, failover, discovery, StateConfig.defaults(), AuthConfig.defaults(),
                AuditConfig.defaults(), PrivacyConfig.defaults(), LimitsConfig.defaults());
    }

    /** Without the limits section: its defaults. */
    public HearthConfig(ServerConfig server, List<BackendConfig> backends, Map<String, AliasConfig> aliases,
            FailoverConfig failover, DiscoveryConfig discovery, StateConfig state, AuthConfig auth, AuditConfig audit,
            PrivacyConfig privacy) {
        this(server, backends, aliases, failover, discovery, state, auth, audit, privacy, LimitsConfig.defaults());
    }

    /** Embedded defaults: loopback, no explicit backends, discovery on. */
    public static HearthConfig defaults() {
        return new HearthConfig(ServerConfig.defaults(), List.of(), Map.of(), FailoverConfig.defaults(),
                DiscoveryConfig.defaults());
    }

    public HearthConfig withBackends(List<BackendConfig> newBackends) {
        return new HearthConfig(server, newBackends, aliases, failover, discovery, state, auth, audit,
                privacy, limits, router);
    }

    public HearthConfig withServer(ServerConfig newServer) {
        return new HearthConfig(newServer, backends, aliases, failover, discovery, state, auth, audit,
                privacy, limits, router);
    }

    public HearthConfig withGovernance(StateConfig newState, AuthConfig newAuth, AuditConfig newAudit) {
        return new HearthConfig(server, backends, aliases, failover, discovery, newState, newAuth, newAudit,
                privacy, limits, router);
    }

    public HearthConfig withPrivacy(PrivacyConfig newPrivacy) {
        return new HearthConfig(server, backends, aliases, failover, discovery, state, auth, audit,
                newPrivacy, limits, router);
    }

    public HearthConfig withLimits(LimitsConfig newLimits) {
        return new HearthConfig(server, backends, aliases, failover, discovery, state, auth, audit,
                privacy, newLimits, router);
    }
}
