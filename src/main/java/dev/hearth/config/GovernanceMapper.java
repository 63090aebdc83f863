package dev.hearth.config;

import dev.hearth.auth.AuthMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
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

    private final NodeReader read;

    GovernanceMapper(NodeReader read) {
        this.read = read;
    }

    StateConfig state(Section s) {
        return new StateConfig(s.get("dir").map(node -> path(read.string(node))).orElse(null));
    }

    AuthConfig auth(Section s) {
        AuthConfig d = AuthConfig.defaults();
        AuthMode mode = s.get("mode").map(node -> read.oneOf(node, MODES)).orElse(d.mode());
        return new AuthConfig(mode, s.duration("key-refresh", Duration.ofMillis(100), d.keyRefresh()));
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
