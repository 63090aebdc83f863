package dev.hearth.auth;

import dev.hearth.audit.AuditEvent;
import dev.hearth.config.Secret;
import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.error.GatewayException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Key management, shared by the admin API and the {@code hearth keys} commands: issue, list, revoke and rotate. A key
 * is generated here, shown once through {@link IssuedKey}, and stored only as its {@link KeyHasher} hash; every
 * change is audited in the same transaction as the change itself.
 *
 * <p>Threading: every method blocks until the store has committed; call from worker threads or the command line.
 * Failure: an unknown key or a key already revoked is a {@link GatewayException} (404 / 400) whose message can be
 * shown as is; storage faults are unchecked exceptions.
 */
public final class ApiKeys {
    private static final int MAX_TEXT = 200;

    private final ApiKeyStore store;
    private final KeyHasher hasher;
    private final SecureRandom random;
    private final Clock clock;
    private final Runnable changed;

    /** @param changed run after every committed change (the server refreshes its {@link KeyRing}) */
    public ApiKeys(ApiKeyStore store, KeyHasher hasher, SecureRandom random, Clock clock, Runnable changed) {
        this.store = store;
        this.hasher = hasher;
        this.random = random;
        this.clock = clock;
        this.changed = changed;
    }

    public List<ApiKey> list() {
        return store.list();
    }

    /** By id ({@code key_...}) or public prefix, written bare, with {@code hrth_} or as listed ({@code hrth_ab12cd34…}). */
    public Optional<ApiKey> find(String idOrPrefix) {
        String wanted = idOrPrefix.strip();
        if (wanted.endsWith("…")) {
            wanted = wanted.substring(0, wanted.length() - 1);
        }
        if (wanted.startsWith(KeyFormat.SCHEME)) {
            wanted = wanted.substring(KeyFormat.SCHEME.length());
        }
        return wanted.isEmpty() ? Optional.empty() : store.find(wanted);
    }

    public IssuedKey create(KeySpec spec, Principal actor, String requestId) {
        validate(spec);
        Instant now = clock.instant();
        IssuedKey issued = issue(spec, now);
        await(store.insert(issued.key(), event("key.create", now, actor, requestId, describe(issued.key()))));
        return issued;
    }

    public ApiKey revoke(String idOrPrefix, Principal actor, String requestId) {
        ApiKey key = active(idOrPrefix);
        Instant now = clock.instant();
        await(store.revoke(key.id(), now, event("key.revoke", now, actor, requestId, describe(key))));
        return key.revokedAt(now);
    }

    /** A new key with the old one's attributes; the old one is revoked in the same transaction. */
    public IssuedKey rotate(String idOrPrefix, Principal actor, String requestId) {
        ApiKey old = active(idOrPrefix);
        Instant now = clock.instant();
        IssuedKey issued = issue(KeySpec.copyOf(old), now);
        Map<String, Object> target = describe(issued.key());
        target.put("replaces_key_id", old.id());
        target.put("replaces_prefix", old.prefix());
        await(store.replace(issued.key(), old.id(), now, event("key.rotate", now, actor, requestId, target)));
        return issued;
    }

    /** Replaces a key's rate limits, budgets and egress list; takes effect at the next key refresh of every node. */
    public ApiKey updateLimits(String idOrPrefix, Quota quota, List<String> egress, Principal actor,
            String requestId) {
        ApiKey key = active(idOrPrefix);
        validateEgress(egress);
        Instant now = clock.instant();
        ApiKey updated = new ApiKey(key.id(), key.prefix(), key.hash(), key.name(), key.owner(), key.team(),
                key.role(), key.models(), key.created(), key.expires(), key.revoked(), quota, egress);
        await(store.updateLimits(key.id(), quota, egress, event("key.limits", now, actor, requestId,
                describe(updated))));
        return updated;
    }

    /** Team or user limits set through the admin API (they override the configuration's for that name). */
    public Map<String, Quota> limits(LimitScope scope) {
        return store.limits(scope);
    }

    /** Sets a team's or user's limits, or removes them ({@code quota} null) so the configuration's apply again. */
    public void setLimits(LimitScope scope, String name, Quota quota, Principal actor, String requestId) {
        text(scope.word(), name);
        if (name == null) {
            throw invalid(scope.word(), "A " + scope.word() + " needs a name.");
        }
        Instant now = clock.instant();
        Map<String, Object> target = new LinkedHashMap<>();
        target.put(scope.word(), name);
        if (quota != null) {
            target.put("rpm", quota.rpm());
            target.put("tpm", quota.tpm());
            target.put("budget_daily_micro_usd", microUsd(quota.dailyUsd()));
            target.put("budget_monthly_micro_usd", microUsd(quota.monthlyUsd()));
        }
        String action = scope.word() + (quota == null ? ".remove" : ".set");
        await(store.putLimits(scope, name, quota, now, event(action, now, actor, requestId, target)));
    }

    private IssuedKey issue(KeySpec spec, Instant now) {
        String secret;
        do {
            secret = KeyFormat.generate(random);
        } while (store.find(KeyFormat.prefixOf(secret).orElseThrow()).isPresent());
        ApiKey key = new ApiKey(KeyFormat.randomId(random, "key_", 12), KeyFormat.prefixOf(secret).orElseThrow(),
                hasher.hash(secret), spec.name(), spec.owner(), spec.team(), spec.role(), spec.models(), now,
                spec.expires(), null, spec.quota(), spec.egress());
        return new IssuedKey(key, Secret.of(secret));
    }

    private ApiKey active(String idOrPrefix) {
        ApiKey key = find(idOrPrefix).orElseThrow(() -> new GatewayException(new GatewayError(ErrorKind.NOT_FOUND,
                "No API key has the id or prefix '" + idOrPrefix + "'.", "key_not_found", null, null)));
        if (key.revoked() != null) {
            throw new GatewayException(new GatewayError(ErrorKind.INVALID_REQUEST,
                    "The API key " + key.id() + " is already revoked.", "key_revoked", null, null));
        }
        return key;
    }

    private void validate(KeySpec spec) {
        text("name", spec.name());
        text("owner", spec.owner());
        text("team", spec.team());
        spec.models().forEach(model -> text("models", model));
        if (spec.expires() != null && !spec.expires().isAfter(clock.instant())) {
            throw invalid("expires", "The expiry must be in the future.");
        }
        validateEgress(spec.egress());
    }

    private static void validateEgress(List<String> egress) {
        if (egress != null) {
            for (String dataClass : egress) {
                if (!EgressClasses.isKnown(dataClass)) {
                    throw invalid("egress", "'" + dataClass + "' is not a data class; use any of "
                            + EgressClasses.NAMES + ".");
                }
            }
        }
    }

    private static void text(String field, String value) {
        if (value != null && (value.isBlank() || value.length() > MAX_TEXT || value.chars().anyMatch(c -> c < 0x20))) {
            throw invalid(field, "'" + field + "' must be 1 to " + MAX_TEXT + " characters without control characters.");
        }
    }

    private static GatewayException invalid(String field, String message) {
        return new GatewayException(GatewayError.invalid(field, message));
    }

    private static Map<String, Object> describe(ApiKey key) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("key_id", key.id());
        target.put("prefix", key.prefix());
        target.put("name", key.name());
        target.put("owner", key.owner());
        target.put("team", key.team());
        target.put("role", key.role().wire());
        target.put("models", key.models());
        target.put("expires", key.expires() == null ? null : key.expires().toEpochMilli());
        Quota quota = key.quota();
        target.put("rpm", quota.rpm());
        target.put("tpm", quota.tpm());
        // The audit log's canonical JSON has no floating point: money is in whole micro-dollars.
        target.put("budget_daily_micro_usd", microUsd(quota.dailyUsd()));
        target.put("budget_monthly_micro_usd", microUsd(quota.monthlyUsd()));
        target.put("egress", key.egress());
        return target;
    }

    private static Long microUsd(Double usd) {
        return usd == null ? null : Math.round(usd * 1_000_000);
    }

    private static AuditEvent event(String action, Instant now, Principal actor, String requestId,
            Map<String, Object> target) {
        String via = switch (actor.kind()) {
            case OPERATOR -> "cli";
            case SYSTEM -> "server";
            case KEY, TOKEN, ANONYMOUS -> "api";
        };
        return AuditEvent.admin(now.toEpochMilli(), action, via, requestId, actor.keyId(), actor.name(), target);
    }

    private void await(CompletableFuture<Void> write) {
        try {
            write.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
        changed.run();
    }
}
