package dev.hearth.config;

import dev.hearth.auth.AuthMode;
import dev.hearth.auth.Role;
import dev.hearth.auth.oidc.OidcSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the governance sections, as strictly as the rest:
 *
 * <pre>
 * state:
 *   dir: ~/.local/share/hearth   # a leading ~/ is the home directory; relative paths are from the working directory
 * auth:
 *   mode: required               # required | optional | off; default: optional on loopback, required otherwise
 *   key-refresh: 2s              # how soon other processes' key changes apply (at least 100ms)
 * audit:
 *   node-id: gw-1                # letters, digits, '.', '_', '-'; default: kept in the state directory
 *   checkpoint-every: 1000       # records between signed checkpoints
 *   checkpoint-interval: 1m      # and at least this often while records arrive
 *   durability: fsync            # fsync (survives power loss) | wal (survives a Hearth crash only; lower latency)
 * </pre>
 */
final class GovernanceMapper {
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Map<String, AuthMode> MODES = new LinkedHashMap<>();
    private static final Map<String, AuditConfig.Durability> DURABILITIES = new LinkedHashMap<>();

    static {
        DURABILITIES.put("fsync", AuditConfig.Durability.FSYNC);
        DURABILITIES.put("wal", AuditConfig.Durability.WAL);
        for (AuthMode mode : AuthMode.values()) {
            MODES.put(mode.wire(), mode);
        }
    }

    static final List<String> DATABASE_KEYS = List.of("url", "user", "password", "schema", "pool-size");
    private static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    static final List<String> OIDC_KEYS = List.of("issuer", "audience", "jwks-url", "algorithms", "clock-skew",
            "jwks-refresh", "claims", "roles");
    private static final List<String> CLAIM_KEYS = List.of("user", "team", "roles");
    private static final List<String> ASYMMETRIC = List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512", "EdDSA");

    private final NodeReader read;

    GovernanceMapper(NodeReader read) {
        this.read = read;
    }

    StateConfig state(Section s) {
        return new StateConfig(s.get("dir").map(node -> path(read.string(node))).orElse(null),
                s.get("database").map(node -> database(read.section(node, DATABASE_KEYS))).orElse(null));
    }

    private StateConfig.DatabaseConfig database(Section s) {
        ConfigNode urlNode = s.require("url");
        String url = read.string(urlNode);
        if (!url.startsWith("jdbc:postgresql://")) {
            throw urlNode.origin().problem("expected a PostgreSQL JDBC URL like jdbc:postgresql://127.0.0.1:5432/hearth"
                    + " (without a password: that goes in 'password' as a ${VAR} reference), got \"" + url + "\"");
        }
        if (url.contains("password=")) {
            throw urlNode.origin().problem("a password does not belong in the URL; write password: ${PGPASSWORD}");
        }
        String schema = s.string("schema", "hearth");
        if (!SCHEMA.matcher(schema).matches()) {
            throw s.require("schema").origin().problem("expected a schema name of letters, digits and '_', got \""
                    + schema + "\"");
        }
        return new StateConfig.DatabaseConfig(url, s.string("user", null),
                s.get("password").map(read::secret).orElse(null), schema, s.integer("pool-size", 1, 64, 4));
    }

    AuthConfig auth(Section s) {
        AuthConfig d = AuthConfig.defaults();
        AuthMode mode = s.get("mode").map(node -> read.oneOf(node, MODES)).orElse(d.mode());
        return new AuthConfig(mode, s.duration("key-refresh", Duration.ofMillis(100), d.keyRefresh()),
                s.get("oidc").map(node -> oidc(read.section(node, OIDC_KEYS))).orElse(null));
    }

    private OidcSettings oidc(Section s) {
        String issuer = read.string(s.require("issuer"));
        ConfigNode audienceNode = s.require("audience");
        List<String> audiences = audienceNode instanceof ConfigNode.Sequence
                ? read.list(audienceNode).stream().map(read::string).toList() : List.of(read.string(audienceNode));
        if (audiences.isEmpty()) {
            throw audienceNode.origin().problem("expected at least one audience");
        }
        URI jwks = read.url(s.require("jwks-url"), List.of("http", "https"),
                "an http(s) URL of the issuer's JWK set", "a JWK set is public");
        List<String> algorithms = s.get("algorithms").map(node -> read.list(node).stream().map(item -> {
            String name = read.string(item);
            if (!ASYMMETRIC.contains(name)) {
                throw item.origin().problem("expected one of " + String.join(", ", ASYMMETRIC) + " (HMAC and 'none'"
                        + " are refused: a shared secret cannot tell the issuer from anyone who holds it), got \""
                        + name + "\"");
            }
            return name;
        }).toList()).orElse(List.of("RS256"));
        Map<String, Role> roles = new LinkedHashMap<>();
        s.get("roles").ifPresent(node -> read.mapping(node).fields().values().forEach(field -> {
            String role = read.string(field.value());
            roles.put(field.key(), Role.parse(role).orElseThrow(() -> field.value().origin()
                    .problem("expected admin, auditor or member, got \"" + role + "\"")));
        }));
        Section claims = s.get("claims").map(node -> read.section(node, CLAIM_KEYS))
                .orElseGet(() -> Section.empty(s.origin(), read));
        return new OidcSettings(issuer, audiences, jwks, algorithms,
                s.duration("clock-skew", Duration.ZERO, Duration.ofSeconds(30)),
                s.duration("jwks-refresh", Duration.ofSeconds(10), Duration.ofMinutes(10)),
                claims.string("user", "sub"), claims.string("team", null), claims.string("roles", null), roles);
    }

    AuditConfig audit(Section s) {
        AuditConfig d = AuditConfig.defaults();
        String node = s.get("node-id").map(value -> {
            String id = read.string(value);
            if (!NODE_ID.matcher(id).matches()) {
                throw value.origin().problem("expected 1 to 64 letters, digits, '.', '_' or '-', got \"" + id + "\"");
            }
            return id;
        }).orElse(d.nodeId());
        AuditConfig.Durability durability = s.get("durability").map(value -> read.oneOf(value, DURABILITIES))
                .orElse(d.durability());
        return new AuditConfig(node, s.integer("checkpoint-every", 1, 1_000_000, d.checkpointEvery()),
                s.duration("checkpoint-interval", Duration.ofSeconds(1), d.checkpointInterval()), durability);
    }

    private static Path path(String text) {
        if (text.equals("~") || text.startsWith("~/")) {
            return Path.of(System.getProperty("user.home"), text.substring(1).replaceFirst("^/", ""));
        }
        return Path.of(text);
    }
}
