package dev.hearth.admin;

import static dev.hearth.ingress.common.JsonFields.invalid;
import static dev.hearth.ingress.common.JsonFields.optionalArray;
import static dev.hearth.ingress.common.JsonFields.optionalInt;
import static dev.hearth.ingress.common.JsonFields.optionalNumber;
import static dev.hearth.ingress.common.JsonFields.optionalString;
import static dev.hearth.ingress.common.JsonFields.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.auth.ApiKeys;
import dev.hearth.auth.AuthErrors;
import dev.hearth.auth.LimitScope;
import dev.hearth.auth.KeySpec;
import dev.hearth.auth.Principal;
import dev.hearth.auth.Quota;
import dev.hearth.auth.Role;
import dev.hearth.audit.AuditReader;
import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.error.GatewayException;
import dev.hearth.ingress.common.JsonBodies;
import dev.hearth.ingress.common.RequestStamp;
import dev.hearth.ingress.openai.OpenAiErrorWriter;
import dev.hearth.limits.Periods;
import dev.hearth.limits.SpendLedger;
import dev.hearth.pipeline.Inbound;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API, JSON in and out, errors in OpenAI's shape:
 *
 * <ul>
 *   <li>{@code GET /admin/keys}: every key (never a secret), admin only</li>
 *   <li>{@code POST /admin/keys} {@code {"name", "owner"?, "team"?, "role"?, "models"?, "expires_at"?, "rpm"?, "tpm"?,
 *       "budget_daily_usd"?, "budget_monthly_usd"?, "egress"?}}: 201 with the
 *       new key, shown this once; admin only</li>
 *   <li>{@code POST /admin/keys/{id}/revoke}, {@code POST /admin/keys/{id}/rotate}: admin only</li>
 *   <li>{@code GET /admin/audit?limit=N}: the newest records (default 100, at most 1000); admin or auditor</li>
 *   <li>{@code POST /admin/keys/{id}/limits} {@code {"rpm"?, "tpm"?, "budget_daily_usd"?, "budget_monthly_usd"?,
 *       "egress"?}}: replaces a key's limits; admin only</li>
 *   <li>{@code GET /admin/teams} (admin, auditor), {@code PUT /admin/teams/{name}} with the same limit fields and
 *       {@code DELETE /admin/teams/{name}} (admin): team limits set at run time, over the configuration's; the same
 *       under {@code /admin/users} for users</li>
 *   <li>{@code GET /admin/usage?period=day|month}: settled spend per key, team and user in the current UTC day or
 *       month; admins and auditors see every scope, a member only its own key, team and user</li>
 * </ul>
 * A key is required whatever the auth mode (401 without one, from the gate); the wrong role is 403. Every change
 * is audited by {@link ApiKeys} in the change's own transaction, and every call gets its request record too.
 *
 * <p>Threading: handlers start on the event loop and do their storage work on a worker executor (blocking JDBC
 * never runs on an event loop), then answer back on the loop.
 */
public final class AdminApi {
    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
    private static final int MAX_LIMIT = 1_000;

    private final ApiKeys keys;
    private final AuditReader audit;
    private final WorkerExecutor workers;
    private final Clock clock;
    private final SpendLedger spend;

    public AdminApi(ApiKeys keys, AuditReader audit, WorkerExecutor workers, Clock clock, SpendLedger spend) {
        this.keys = keys;
        this.audit = audit;
        this.workers = workers;
        this.clock = clock;
        this.spend = spend;
    }

    public void mount(Router router) {
        router.route("/admin/*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024).setHandleFileUploads(false));
        router.get("/admin/keys").handler(ctx -> run(ctx, Set.of(Role.ADMIN), 200,
                () -> AdminJson.keys(keys.list(), clock.instant())));
        router.post("/admin/keys").handler(ctx -> {
            KeySpec spec;
            try {
                spec = spec(JsonBodies.parse(ctx.body().buffer()));
            } catch (GatewayException invalid) {
                OpenAiErrorWriter.INSTANCE.write(ctx.response(), invalid.error());
                return;
            }
            run(ctx, Set.of(Role.ADMIN), 201,
                    () -> AdminJson.issued(keys.create(spec, principal(ctx), requestId(ctx)), clock.instant()));
        });
        router.post("/admin/keys/:id/revoke").handler(ctx -> run(ctx, Set.of(Role.ADMIN), 200, () -> AdminJson.key(
                keys.revoke(ctx.pathParam("id"), principal(ctx), requestId(ctx)), clock.instant())));
        router.post("/admin/keys/:id/rotate").handler(ctx -> run(ctx, Set.of(Role.ADMIN), 200, () -> AdminJson.issued(
                keys.rotate(ctx.pathParam("id"), principal(ctx), requestId(ctx)), clock.instant())));
        router.get("/admin/audit").handler(ctx -> {
            int limit;
            try {
                limit = limit(ctx.queryParams().get("limit"));
            } catch (GatewayException invalid) {
                OpenAiErrorWriter.INSTANCE.write(ctx.response(), invalid.error());
                return;
            }
            run(ctx, Set.of(Role.ADMIN, Role.AUDITOR), 200, () -> AdminJson.records(audit.recent(limit)));
        });
        router.post("/admin/keys/:id/limits").handler(ctx -> {
            JsonNode body;
            Quota quota;
            try {
                body = JsonBodies.parse(ctx.body().buffer());
                quota = quota(body);
            } catch (GatewayException invalid) {
                OpenAiErrorWriter.INSTANCE.write(ctx.response(), invalid.error());
                return;
            }
            run(ctx, Set.of(Role.ADMIN), 200, () -> AdminJson.key(keys.updateLimits(ctx.pathParam("id"), quota,
                    egress(body), principal(ctx), requestId(ctx)), clock.instant()));
        });
        for (LimitScope scope : LimitScope.values()) {
            mountLimits(router, scope);
        }
        router.get("/admin/usage").handler(ctx -> {
            String period = ctx.queryParams().get("period");
            if (period != null && !period.equals("day") && !period.equals("month")) {
                OpenAiErrorWriter.INSTANCE.write(ctx.response(),
                        invalid("period", "'period' must be day or month").error());
                return;
            }
            boolean monthly = "month".equals(period);
            Principal caller = principal(ctx);
            run(ctx, Set.of(Role.ADMIN, Role.AUDITOR, Role.MEMBER), 200, () -> {
                Instant now = clock.instant();
                String name = monthly ? Periods.month(now) : Periods.day(now);
                Map<String, Long> settled = new TreeMap<>(spend.settled(List.of(name)));
                if (caller.role() == Role.MEMBER) {
                    settled.keySet().removeIf(counter -> !ownScope(caller, counter.substring(0,
                            counter.lastIndexOf('|'))));
                }
                return AdminJson.usage(name, settled);
            });
        });
    }

    private void run(RoutingContext ctx, Set<Role> roles, int status, Callable<Buffer> work) {
        Principal principal = principal(ctx);
        if (!roles.contains(principal.role())) {
            OpenAiErrorWriter.INSTANCE.write(ctx.response(), AuthErrors.roleRequired(roles.stream().sorted()
                    .toArray(Role[]::new)));
            return;
        }
        workers.executeBlocking(work, false).onComplete(done -> {
            if (done.succeeded()) {
                ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                        .putHeader("Cache-Control", "no-store").end(done.result());
            } else if (done.cause() instanceof GatewayException refused) {
                OpenAiErrorWriter.INSTANCE.write(ctx.response(), refused.error());
            } else {
                LOG.error("admin request {} failed", requestId(ctx), done.cause());
                OpenAiErrorWriter.INSTANCE.write(ctx.response(), GatewayError.of(ErrorKind.INTERNAL,
                        "Internal error (request id " + requestId(ctx) + "); the gateway log has details."));
            }
        });
    }

    static KeySpec spec(JsonNode body) {
        if (!body.isObject()) {
            throw invalid(null, "The request body must be a JSON object");
        }
        String role = optionalString(body, "role", "role");
        Role parsed = role == null ? Role.MEMBER : Role.parse(role)
                .orElseThrow(() -> invalid("role", "'role' must be admin, auditor or member"));
        List<String> models = strings(body, "models");
        List<String> egress = egress(body);
        Quota quota = quota(body);
        String expires = optionalString(body, "expires_at", "expires_at");
        Instant expiresAt;
        try {
            expiresAt = expires == null ? null : Instant.parse(expires);
        } catch (DateTimeParseException bad) {
            throw invalid("expires_at", "'expires_at' must be an ISO-8601 instant like 2026-12-31T00:00:00Z");
        }
        return new KeySpec(requiredString(body, "name", "name"), optionalString(body, "owner", "owner"),
                optionalString(body, "team", "team"), parsed, models, expiresAt, quota, egress);
    }

    /** {@code {"rpm"?, "tpm"?, "budget_daily_usd"?, "budget_monthly_usd"?}}: absent fields mean no such limit. */
    static Quota quota(JsonNode body) {
        if (!body.isObject()) {
            throw invalid(null, "The request body must be a JSON object");
        }
        try {
            return new Quota(optionalInt(body, "rpm", "rpm", 1), optionalInt(body, "tpm", "tpm", 1),
                    money(body, "budget_daily_usd"), money(body, "budget_monthly_usd"));
        } catch (IllegalArgumentException bad) {
            throw invalid(null, bad.getMessage());
        }
    }

    private static List<String> egress(JsonNode body) {
        return body.has("egress") && !body.get("egress").isNull() ? strings(body, "egress") : null;
    }

    private static List<String> strings(JsonNode body, String field) {
        List<String> values = new ArrayList<>();
        JsonNode list = optionalArray(body, field, field);
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isTextual()) {
                    throw invalid(field + "[" + i + "]", "'" + field + "[" + i + "]' must be a string");
                }
                values.add(list.get(i).asText());
            }
        }
        return values;
    }

    private static Double money(JsonNode body, String field) {
        Double usd = optionalNumber(body, field, field);
        if (usd != null && (usd < 0 || usd.isInfinite())) {
            throw invalid(field, "'" + field + "' must be zero or more USD");
        }
        return usd;
    }

    static int limit(String text) {
        if (text == null) {
            return 100;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw invalid("limit", "'limit' must be an integer from 1 to " + MAX_LIMIT);
    }

    /** GET (admin, auditor), PUT and DELETE (admin) of /admin/teams/{name} or /admin/users/{name}. */
    private void mountLimits(Router router, LimitScope scope) {
        String base = "/admin/" + scope.word() + "s";
        router.get(base).handler(ctx -> run(ctx, Set.of(Role.ADMIN, Role.AUDITOR), 200,
                () -> AdminJson.limits(scope.word() + "s", keys.limits(scope))));
        router.put(base + "/:name").handler(ctx -> {
            Quota quota;
            try {
                quota = quota(JsonBodies.parse(ctx.body().buffer()));
            } catch (GatewayException invalid) {
                OpenAiErrorWriter.INSTANCE.write(ctx.response(), invalid.error());
                return;
            }
            run(ctx, Set.of(Role.ADMIN), 200, () -> {
                keys.setLimits(scope, ctx.pathParam("name"), quota, principal(ctx), requestId(ctx));
                return AdminJson.limits(scope.word() + "s", keys.limits(scope));
            });
        });
        router.delete(base + "/:name").handler(ctx -> run(ctx, Set.of(Role.ADMIN), 200, () -> {
            keys.setLimits(scope, ctx.pathParam("name"), null, principal(ctx), requestId(ctx));
            return AdminJson.limits(scope.word() + "s", keys.limits(scope));
        }));
    }

    /** A member sees only its own key's, team's and user's spend, never another team's. */
    private static boolean ownScope(Principal caller, String scope) {
        return scope.equals("key:" + caller.keyId()) || caller.team() != null && scope.equals("team:" + caller.team())
                || caller.user() != null && scope.equals("user:" + caller.user());
    }

    private static Principal principal(RoutingContext ctx) {
        return RequestStamp.inbound(ctx).principal();
    }

    private static String requestId(RoutingContext ctx) {
        Inbound inbound = RequestStamp.inbound(ctx);
        return inbound.requestId();
    }
}
