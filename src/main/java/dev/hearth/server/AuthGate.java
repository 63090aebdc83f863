package dev.hearth.server;

import dev.hearth.audit.AuditLog;
import dev.hearth.audit.RequestAudit;
import dev.hearth.auth.Authenticator;
import dev.hearth.auth.KeyFormat;
import dev.hearth.auth.Principal;
import dev.hearth.auth.PresentedKey;
import dev.hearth.error.GatewayException;
import dev.hearth.ingress.common.Credentials;
import dev.hearth.ingress.common.Dialect;
import dev.hearth.ingress.common.RequestStamp;
import dev.hearth.observability.GatewayMetrics;
import dev.hearth.pipeline.Inbound;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authenticate stage, at the door: every request under a dialect's paths or the admin API is authenticated here,
 * before its body is read and before any dialect code runs, so no dialect can forget it and an unauthenticated
 * client cannot make the gateway buffer a body. A refusal is a 401 in the client's own dialect (with
 * {@code WWW-Authenticate}); an admitted request carries its {@link Inbound} on to the dialect.
 *
 * <p>Every gated request gets exactly one audit record: chat requests from the pipeline (durable before the end of
 * the answer), everything else (refusals, embeddings, model lists, admin calls) when its response has ended.
 *
 * <p>Threading: runs on the request's event loop; authentication is in memory and never blocks.
 */
final class AuthGate implements Handler<RoutingContext> {
    static final String ADMIN_PREFIX = "/admin/";
    private static final Logger LOG = LoggerFactory.getLogger(AuthGate.class);

    private final Authenticator authenticator;
    private final AuditLog audit;
    private final GatewayMetrics metrics;
    private final Function<String, Dialect> dialectOf;
    private final List<String> prefixes;

    AuthGate(Authenticator authenticator, AuditLog audit, GatewayMetrics metrics, Function<String, Dialect> dialectOf,
            List<Dialect> dialects) {
        this.authenticator = authenticator;
        this.audit = audit;
        this.metrics = metrics;
        this.dialectOf = dialectOf;
        this.prefixes = dialects.stream().flatMap(d -> d.pathPrefixes().stream()).distinct().toList();
    }

    @Override
    public void handle(RoutingContext ctx) {
        String path = ctx.request().path() == null ? "" : ctx.request().path();
        boolean admin = path.startsWith(ADMIN_PREFIX) || path.equals("/admin");
        if (!admin && prefixes.stream().noneMatch(path::startsWith)) {
            ctx.next(); // health, metrics, unknown paths
            return;
        }
        Dialect dialect = dialectOf.apply(path);
        String area = admin ? "admin" : dialect.name();
        RequestAudit record = new RequestAudit(RequestStamp.id(ctx), area,
                ctx.request().method().name().toUpperCase(Locale.ROOT), path, RequestStamp.receivedNanos(ctx));
        // One turn later: when a client leaves mid-answer, the chat pipeline's own close handling (which settles the
        // budget and puts the cost in the record) runs in the same turn as this end handler; it must go first.
        ctx.addEndHandler(ended -> ctx.vertx().runOnContext(v -> finish(ctx, record, ended.succeeded())));
        PresentedKey presented = Credentials.from(ctx.request());
        Principal principal;
        try {
            principal = admin ? authenticator.requireKey(presented) : authenticator.authenticate(presented);
        } catch (GatewayException refused) {
            if (presented instanceof PresentedKey.Key key) {
                KeyFormat.prefixOf(key.secret().reveal()).ifPresent(record::presentedPrefix);
            }
            record.error(refused.error().code());
            metrics.refused(area, refused.error().httpStatus());
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"hearth\"");
            dialect.errors().write(ctx.response(), refused.error());
            return;
        }
        record.principal(switch (principal.kind()) {
            case KEY -> "key";
            case TOKEN -> "token";
            default -> "anonymous";
        }, principal.keyId(), principal.prefix(), principal.team());
        if (principal.user() != null) {
            record.user(principal.user());
        }
        Context loop = ctx.vertx().getOrCreateContext();
        RequestStamp.admit(ctx, new Inbound(RequestStamp.id(ctx), RequestStamp.receivedNanos(ctx), principal, record,
                task -> loop.runOnContext(ignored -> task.run())));
        ctx.next();
    }

    /** The record of a request the chat pipeline did not record: after its response, not before. */
    private void finish(RoutingContext ctx, RequestAudit record, boolean ended) {
        if (record.recorded()) {
            return;
        }
        int status = ended ? ctx.response().getStatusCode() : 0;
        String outcome = ended ? RequestAudit.outcomeOf(status) : "client_gone";
        audit.append(record.finish(status, outcome, System.nanoTime(), System.currentTimeMillis()))
                .exceptionally(failed -> {
                    LOG.error("audit record of request {} could not be written: {}", record.requestId(),
                            failed.toString());
                    return null;
                });
    }
}
