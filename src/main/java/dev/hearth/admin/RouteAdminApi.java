package dev.hearth.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hearth.auth.AuthErrors;
import dev.hearth.auth.Principal;
import dev.hearth.auth.Role;
import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.error.GatewayException;
import dev.hearth.ingress.common.JsonBodies;
import dev.hearth.ingress.common.RequestStamp;
import dev.hearth.ingress.openai.ChatCompletionsDecoder;
import dev.hearth.ingress.openai.OpenAiErrorWriter;
import dev.hearth.json.Json;
import dev.hearth.model.ChatRequest;
import dev.hearth.pipeline.RouteExplainer;
import dev.hearth.routing.Decision;
import dev.hearth.routing.RecentDecisions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing half of the admin API, admin role only, errors in OpenAI's shape:
 *
 * <ul>
 *   <li>{@code POST /admin/route/explain} with an OpenAI chat completions body: the decision Hearth would make for it
 *       (privacy verdict, candidates, why each was dropped, the ranking with its quality score, the order of
 *       attempts, or the refusal) without calling any upstream and without counting it in metrics; the API twin of
 *       {@code bin/hearth route explain}</li>
 *   <li>{@code GET /admin/decisions?limit=N}: the newest routing decisions of served requests (default 100, at most
 *       the buffer's size), newest first; model names, candidates and reasons, never prompt content</li>
 * </ul>
 * Mount after {@link AdminApi}, whose body handler reads {@code /admin/*} bodies. Threading: privacy inspection and
 * the quality estimate are CPU work, so explaining runs on the admin worker executor, then answers on the loop.
 */
public final class RouteAdminApi {
    private static final Logger LOG = LoggerFactory.getLogger(RouteAdminApi.class);

    private final RouteExplainer explainer;
    private final RecentDecisions recent;
    private final WorkerExecutor workers;

    public RouteAdminApi(RouteExplainer explainer, RecentDecisions recent, WorkerExecutor workers) {
        this.explainer = explainer;
        this.recent = recent;
        this.workers = workers;
    }

    public void mount(Router router) {
        router.post("/admin/route/explain").handler(ctx -> {
            if (!isAdmin(ctx)) {
                return;
            }
            ChatRequest request;
            try {
                request = ChatCompletionsDecoder.decode(JsonBodies.parse(ctx.body().buffer()));
            } catch (GatewayException invalid) {
                OpenAiErrorWriter.INSTANCE.write(ctx.response(), invalid.error());
                return;
            }
            Principal caller = principal(ctx);
            answer(ctx, () -> explanation(explainer.explain(caller, request)));
        });
        router.get("/admin/decisions").handler(ctx -> {
            if (!isAdmin(ctx)) {
                return;
            }
            int limit;
            try {
                limit = limit(ctx.queryParams().get("limit"), recent.capacity());
            } catch (GatewayException invalid) {
                OpenAiErrorWriter.INSTANCE.write(ctx.response(), invalid.error());
                return;
            }
            answer(ctx, () -> decisions(recent.newest(limit)));
        });
    }

    static int limit(String text, int max) {
        if (text == null) {
            return Math.min(100, max);
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new GatewayException(GatewayError.invalid("limit", "'limit' must be an integer from 1 to " + max));
    }

    private static Buffer explanation(RouteExplainer.Explanation explained) {
        return Json.write(gen -> {
            gen.writeStartObject();
            gen.writeObjectFieldStart("privacy");
            gen.writeStringField("classes", explained.privacy().classesHeader());
            gen.writeStringField("action", explained.privacy().actionHeader());
            gen.writeEndObject();
            if (explained.decision() == null) {
                refusal(gen, explained.privacy().refusal());
            } else {
                decision(gen, explained.decision());
            }
            gen.writeEndObject();
        });
    }

    private static Buffer decisions(List<RecentDecisions.Entry> entries) {
        return Json.write(gen -> {
            gen.writeStartObject();
            gen.writeArrayFieldStart("data");
            for (RecentDecisions.Entry entry : entries) {
                gen.writeStartObject();
                gen.writeStringField("time", entry.time().toString());
                decision(gen, entry.decision());
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        });
    }

    /** The decision's fields, into the object being written. */
    private static void decision(JsonGenerator gen, Decision decision) throws IOException {
        gen.writeStringField("requested", decision.requested());
        gen.writeStringField("strategy", decision.strategy());
        strings(gen, "candidates", decision.candidates());
        strings(gen, "dropped", decision.dropped());
        gen.writeStringField("ranking", decision.ranking());
        if (decision.refusal() != null) {
            refusal(gen, decision.refusal());
            return;
        }
        strings(gen, "order", decision.order());
        gen.writeStringField("location", decision.location());
        gen.writeBooleanField("local_only", decision.plan().localOnly());
        gen.writeStringField("reason", decision.plan().reason());
    }

    private static void refusal(JsonGenerator gen, GatewayError refusal) throws IOException {
        gen.writeObjectFieldStart("refusal");
        gen.writeNumberField("status", refusal.httpStatus());
        gen.writeStringField("code", refusal.code());
        gen.writeStringField("message", refusal.message());
        gen.writeEndObject();
    }

    private static void strings(JsonGenerator gen, String field, List<String> values) throws IOException {
        gen.writeArrayFieldStart(field);
        for (String value : values) {
            gen.writeString(value);
        }
        gen.writeEndArray();
    }

    private boolean isAdmin(RoutingContext ctx) {
        if (principal(ctx).role() == Role.ADMIN) {
            return true;
        }
        OpenAiErrorWriter.INSTANCE.write(ctx.response(), AuthErrors.roleRequired(Role.ADMIN));
        return false;
    }

    private void answer(RoutingContext ctx, Callable<Buffer> work) {
        workers.executeBlocking(work, false).onComplete(done -> {
            if (done.succeeded()) {
                ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                        .putHeader("Cache-Control", "no-store").end(done.result());
            } else {
                LOG.error("admin request {} failed", RequestStamp.id(ctx), done.cause());
                OpenAiErrorWriter.INSTANCE.write(ctx.response(), GatewayError.of(ErrorKind.INTERNAL,
                        "Internal error (request id " + RequestStamp.id(ctx) + "); the gateway log has details."));
            }
        });
    }

    private static Principal principal(RoutingContext ctx) {
        return RequestStamp.inbound(ctx).principal();
    }
}
