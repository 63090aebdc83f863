package dev.hearth.server;

import dev.hearth.backend.Backend;
import dev.hearth.json.Json;
import io.vertx.ext.web.Router;

/** Liveness, readiness (with each backend's circuit state) and the Prometheus scrape. */
final class HealthRoutes {
    private HealthRoutes() {}

    static void mount(Router router, Gateway gateway) {
        router.get("/health/live").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                .end("{\"status\":\"ok\"}"));
        router.get("/health/ready").handler(ctx -> {
            boolean ready = gateway.readiness().ready();
            ctx.response().setStatusCode(ready ? 200 : 503).putHeader("Content-Type", "application/json")
                    .end(Json.write(gen -> {
                        gen.writeStartObject();
                        gen.writeStringField("status", ready ? "ready" : "starting");
                        gen.writeObjectFieldStart("backends");
                        for (Backend backend : gateway.backends()) {
                            gen.writeObjectFieldStart(backend.name());
                            gen.writeStringField("locality", backend.locality().name().toLowerCase());
                            gen.writeStringField("circuit", backend.health().state().name().toLowerCase());
                            gen.writeNumberField("models", backend.models().size());
                            gen.writeEndObject();
                        }
                        gen.writeEndObject();
                        gen.writeEndObject();
                    }));
        });
        router.get("/metrics").handler(ctx -> ctx.vertx()
                .executeBlocking(() -> gateway.metrics().scrape(), false)
                .onSuccess(text -> ctx.response()
                        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(text))
                .onFailure(ctx::fail));
    }
}
