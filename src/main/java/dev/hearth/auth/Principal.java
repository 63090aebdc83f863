package dev.hearth.auth;

import java.util.List;

/**
 * Who a request runs as: a key's identity and permissions, a user named by an identity provider's token, the local
 * anonymous user, an operator at the command line, or Hearth itself. Immutable; safe to share across threads. Carries no secret.
 *
 * @param keyId  the key's id, null for the anonymous principal and operators
 * @param prefix the key's public prefix, null without a key
 * @param models models and aliases this principal may use, exactly as clients name them; empty means all
 * @param user   the person behind the request, for per-user budgets: the key's owner; null when unknown
 * @param quota  the principal's own rate limits and budgets
 * @param egress the data classes it may send off the machine, or null when the configured policy alone decides
 */
public record Principal(Kind kind, String keyId, String prefix, String name, String team, Role role,
        List<String> models, String user, Quota quota, List<String> egress) {

    /** How the principal was established. */
    public enum Kind { KEY, TOKEN, ANONYMOUS, OPERATOR, SYSTEM }

    private static final Principal ANONYMOUS = new Principal(Kind.ANONYMOUS, null, null, "anonymous", null,
            Role.MEMBER, List.of());

    public Principal {
        models = List.copyOf(models);
        quota = quota == null ? Quota.NONE : quota;
        egress = egress == null ? null : List.copyOf(egress);
    }

    /** A principal without a user, quota or egress list of its own. */
    public Principal(Kind kind, String keyId, String prefix, String name, String team, Role role,
            List<String> models) {
        this(kind, keyId, prefix, name, team, role, models, null, Quota.NONE, null);
    }

    public static Principal of(ApiKey key) {
        return new Principal(Kind.KEY, key.id(), key.prefix(), key.name(), key.team(), key.role(), key.models(),
                key.owner(), key.quota(), key.egress());
    }

    /** A request without a key where the auth mode allows one: any model, no admin rights. */
    public static Principal anonymous() {
        return ANONYMOUS;
    }

    /** Someone at this machine's command line, working on the store directly ({@code hearth keys ...}). */
    public static Principal operator(String user) {
        return new Principal(Kind.OPERATOR, null, null, "cli:" + user, null, Role.ADMIN, List.of());
    }

    /** Hearth itself, acting on its own (the admin key created at the first start). */
    public static Principal system(String what) {
        return new Principal(Kind.SYSTEM, null, null, "hearth:" + what, null, Role.ADMIN, List.of());
    }

    /**
     * Whether this principal may ask for {@code model}. An allowed name also allows itself qualified by a backend
     * ({@code ollama/llama3} when {@code llama3} is allowed); an alias allows the alias, not the models behind it.
     */
    public boolean mayUse(String model) {
        if (models.isEmpty() || models.contains(model)) {
            return true;
        }
        for (String allowed : models) {
            if (model.endsWith("/" + allowed)) {
                return true;
            }
        }
        return false;
    }

    public boolean hasKey() {
        return kind == Kind.KEY;
    }

    /** Authenticated by a credential (a key or an identity provider's token), not anonymous. */
    public boolean isIdentified() {
        return kind == Kind.KEY || kind == Kind.TOKEN;
    }
}
