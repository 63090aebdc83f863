package dev.hearth.config;

import dev.hearth.config.ConfigNode.Kind;
import dev.hearth.config.ConfigNode.Origin;
import dev.hearth.config.ConfigNode.Scalar;
import dev.hearth.routing.quality.QualityWeights;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps the root of a configuration file to a {@link HearthConfig}: absent sections and keys take the
 * records' defaults, present ones are read strictly. A section written with no content ({@code server:})
 * counts as absent.
 */
final class ConfigMapper {

    static final List<String> KEYS = List.of("server", "backends", "aliases", "failover", "discovery", "state", "auth",
            "audit", "privacy", "limits", "pricing", "router");
    static final List<String> SERVER_KEYS = List.of("host", "port", "max-body-size");
    static final List<String> FAILOVER_KEYS = List.of("max-retries", "timeout", "connect-timeout",
            "first-token-timeout", "idle-timeout", "backoff-base", "backoff-max", "breaker-failure-threshold",
            "breaker-window", "breaker-open-for");
    static final List<String> DISCOVERY_KEYS = List.of("local-servers", "cloud-keys", "embedded");
    static final List<String> STATE_KEYS = List.of("dir", "database");
    static final List<String> AUTH_KEYS = List.of("mode", "key-refresh", "oidc");
    static final List<String> AUDIT_KEYS = List.of("node-id", "checkpoint-every", "checkpoint-interval", "durability");
    static final List<String> ROUTER_KEYS = List.of("model");

    /** With a configuration file the backends are the ones it lists: only the in-process models are added. */
    static final DiscoveryConfig EXPLICIT_DISCOVERY = new DiscoveryConfig(false, false, true);

    private static final Duration POSITIVE = Duration.ofMillis(1);

    private final NodeReader read;

    ConfigMapper(NodeReader read) {
        this.read = read;
    }

    HearthConfig map(Optional<ConfigNode> root, String file) {
        Section top = root.map(node -> read.section(node, KEYS))
                .orElseGet(() -> Section.empty(new Origin(file, 1, ""), read));
        ServerConfig server = server(section(top, "server", SERVER_KEYS));
        List<BackendConfig> backends = present(top, "backends").map(new BackendMapper(read)::map).orElse(List.of());
        FailoverConfig failover = failover(section(top, "failover", FAILOVER_KEYS));
        DiscoveryConfig discovery = discovery(section(top, "discovery", DISCOVERY_KEYS));
        Set<String> reachable = reachableBackends(backends, discovery);
        Map<String, AliasConfig> aliases = present(top, "aliases")
                .map(node -> new AliasMapper(read).map(node, reachable)).orElse(Map.of());
        PrivacyConfig privacy = new PrivacyMapper(read).map(section(top, "privacy", PrivacyMapper.KEYS));
        return new HearthConfig(server, backends, aliases, failover, discovery,
                new GovernanceMapper(read).state(section(top, "state", STATE_KEYS)),
                new GovernanceMapper(read).auth(section(top, "auth", AUTH_KEYS)),
                new GovernanceMapper(read).audit(section(top, "audit", AUDIT_KEYS)), privacy,
                new LimitsMapper(read).map(section(top, "limits", LimitsMapper.KEYS),
                        present(top, "pricing").map(read::mapping).orElse(null)),
                router(section(top, "router", ROUTER_KEYS)));
    }

    /** A retrained model is read here, so that a missing or malformed file stops start-up naming this line. */
    private RouterConfig router(Section s) {
        return s.get("model").map(node -> {
            Path file = Path.of(read.string(node));
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                QualityWeights.read(in);
            } catch (IOException | RuntimeException unusable) {
                throw node.origin().problem("is not a model written by `hearth router train`: " + file + ": "
                        + (unusable instanceof NoSuchFileException ? "no such file" : unusable.getMessage()));
            }
            return new RouterConfig(file);
        }).orElse(RouterConfig.defaults());
    }

    private ServerConfig server(Section s) {
        ServerConfig d = ServerConfig.defaults();
        return new ServerConfig(s.string("host", d.host()), s.integer("port", 0, 65535, d.port()),
                s.size("max-body-size", d.maxBodyBytes()));
    }

    private FailoverConfig failover(Section s) {
        FailoverConfig d = FailoverConfig.defaults();
        Duration backoffBase = s.duration("backoff-base", Duration.ZERO, d.backoffBase());
        Duration backoffMax = s.duration("backoff-max", Duration.ZERO, d.backoffMax());
        if (backoffMax.compareTo(backoffBase) < 0) {
            Origin at = s.get("backoff-max").or(() -> s.get("backoff-base")).orElseThrow().origin();
            throw at.problem("backoff-max (" + Units.format(backoffMax) + ") must not be less than backoff-base ("
                    + Units.format(backoffBase) + ")");
        }
        return new FailoverConfig(
                s.integer("max-retries", 0, Integer.MAX_VALUE, d.maxRetries()),
                s.duration("timeout", POSITIVE, d.timeout()),
                s.duration("connect-timeout", POSITIVE, d.connectTimeout()),
                s.duration("first-token-timeout", POSITIVE, d.firstTokenTimeout()),
                s.duration("idle-timeout", POSITIVE, d.idleTimeout()),
                backoffBase,
                backoffMax,
                s.integer("breaker-failure-threshold", 1, 100, d.breakerFailureThreshold()),
                s.integer("breaker-window", 1, Integer.MAX_VALUE, d.breakerWindow()),
                s.duration("breaker-open-for", POSITIVE, d.breakerOpenFor()));
    }

    private DiscoveryConfig discovery(Section s) {
        DiscoveryConfig d = EXPLICIT_DISCOVERY;
        return new DiscoveryConfig(s.bool("local-servers", d.localServers()), s.bool("cloud-keys", d.cloudKeys()),
                s.bool("embedded", d.embedded()));
    }

    /** Names an alias may qualify a candidate with: declared backends, then those discovery may add. */
    private static Set<String> reachableBackends(List<BackendConfig> backends, DiscoveryConfig discovery) {
        Set<String> names = new LinkedHashSet<>();
        backends.forEach(backend -> names.add(backend.name()));
        if (discovery.localServers()) {
            LocalServers.candidates().forEach(backend -> names.add(backend.name()));
        }
        if (discovery.cloudKeys()) {
            CloudProviders.known().forEach(provider -> names.add(provider.name()));
        }
        return names;
    }

    private Section section(Section parent, String key, List<String> keys) {
        return parent.get(key)
                .map(node -> isEmpty(node) ? Section.empty(node.origin(), read) : read.section(node, keys))
                .orElseGet(() -> Section.empty(parent.origin(), read));
    }

    private static Optional<ConfigNode> present(Section parent, String key) {
        return parent.get(key).filter(node -> !isEmpty(node));
    }

    private static boolean isEmpty(ConfigNode node) {
        return node instanceof Scalar scalar && scalar.kind() == Kind.NULL;
    }
}
