package dev.hearth.auth;

import java.time.Instant;
import java.util.List;

/**
 * A stored API key: everything but the key itself, of which only a keyed hash is kept. Immutable; a revocation is a
 * new value from the store.
 *
 * @param id      stable identifier ({@code key_...}), safe to show and log
 * @param prefix  the first {@link KeyFormat#PREFIX_LENGTH} characters after {@code hrth_}: how people recognise a
 *                key and how the hot path finds it; safe to show
 * @param hash    lower-case hex HMAC-SHA256 of the whole key under the server secret ({@link KeyHasher})
 * @param models  models and aliases the key may use, exactly as clients name them; empty means all
 * @param expires when the key stops working, or null for never
 * @param revoked when it was revoked, or null
 * @param quota   the key's own rate limits and budgets ({@link Quota#NONE}: only team and user limits apply)
 * @param egress  the data classes this key may send off the machine (lower-case names such as {@code pii}), or
 *                null when the configured privacy policy alone decides; a key can only tighten that policy
 */
public record ApiKey(String id, String prefix, String hash, String name, String owner, String team, Role role,
        List<String> models, Instant created, Instant expires, Instant revoked, Quota quota, List<String> egress) {

    public ApiKey {
        models = List.copyOf(models);
        quota = quota == null ? Quota.NONE : quota;
        egress = egress == null ? null : List.copyOf(egress);
    }

    /** A key without its own quota or egress list. */
    public ApiKey(String id, String prefix, String hash, String name, String owner, String team, Role role,
            List<String> models, Instant created, Instant expires, Instant revoked) {
        this(id, prefix, hash, name, owner, team, role, models, created, expires, revoked, Quota.NONE, null);
    }

    /** Usable now: neither revoked nor expired. */
    public boolean activeAt(Instant now) {
        return revoked == null && (expires == null || now.isBefore(expires));
    }

    /** {@code active}, {@code revoked} or {@code expired}, for listings. */
    public String status(Instant now) {
        if (revoked != null) {
            return "revoked";
        }
        return expires != null && !now.isBefore(expires) ? "expired" : "active";
    }

    public ApiKey revokedAt(Instant when) {
        return new ApiKey(id, prefix, hash, name, owner, team, role, models, created, expires, when, quota, egress);
    }

    /** Shown as {@code hrth_AbCd1234…}, the way people recognise a key. */
    public String displayPrefix() {
        return KeyFormat.SCHEME + prefix + "…";
    }

    /** Never shows the hash: it is not the key, but it has no business in logs either. */
    @Override
    public String toString() {
        return "ApiKey[" + id + " " + displayPrefix() + " " + name + " " + role.wire() + "]";
    }
}
