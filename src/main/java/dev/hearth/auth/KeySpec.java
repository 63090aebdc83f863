package dev.hearth.auth;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What to issue a key for: the attributes a person chooses at creation. {@code owner}, {@code team} and
 * {@code expires} may be null; {@code models} empty means every model; {@code egress} null means the configured privacy policy alone decides. Checked by {@link ApiKeys} before use.
 */
public record KeySpec(String name, String owner, String team, Role role, List<String> models, Instant expires,
        Quota quota, List<String> egress) {

    public KeySpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        models = List.copyOf(models);
        quota = quota == null ? Quota.NONE : quota;
        egress = egress == null ? null : List.copyOf(egress);
    }

    /** A key without its own quota or egress list. */
    public KeySpec(String name, String owner, String team, Role role, List<String> models, Instant expires) {
        this(name, owner, team, role, models, expires, Quota.NONE, null);
    }

    public static KeySpec of(String name, Role role) {
        return new KeySpec(name, null, null, role, List.of(), null);
    }

    /** The same attributes as an existing key (for rotation). */
    public static KeySpec copyOf(ApiKey key) {
        return new KeySpec(key.name(), key.owner(), key.team(), key.role(), key.models(), key.expires(), key.quota(),
                key.egress());
    }
}
