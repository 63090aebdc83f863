package dev.hearth.audit;

import java.util.HashMap;
import java.util.Map;

/**
 * The audit record of one request, filled in as the request goes through the gateway (who asked, for which model,
 * how it was routed, who answered, what it cost) and turned into an {@link AuditEvent} exactly once by
 * {@link #finish}. Holds no prompt or response content and no secret.
 *
 * <p>Body fields (null ones are left out): {@code request_id, principal} ({@code key}, {@code token}, {@code anonymous}
 * or {@code none}), {@code key_id, key_prefix, team, user, presented_prefix} (a refused key's public prefix),
 * {@code dialect, method, path, requested_model, stream, route_reason, backend, model, attempts, prompt_tokens,
 * completion_tokens, usage_estimated, cost_micro_usd, data_classes, privacy_action, status, outcome, error_code,
 * latency_ms}.
 *
 * <p>Threading: confined to the request's event loop, like the request itself; not thread-safe.
 */
public final class RequestAudit {
    private final String requestId;
    private final long receivedNanos;
    private final Map<String, Object> body = new HashMap<>();
    private String keyId;
    private int attempts;
    private boolean recorded;

    public RequestAudit(String requestId, String dialect, String method, String path, long receivedNanos) {
        this.requestId = requestId;
        this.receivedNanos = receivedNanos;
        body.put("request_id", requestId);
        body.put("principal", "none");
        body.put("dialect", dialect);
        body.put("method", method);
        body.put("path", path);
    }

    /** The principal the request runs as: {@code kind} is {@code key}, {@code token} or {@code anonymous}. */
    public void principal(String kind, String keyId, String prefix, String team) {
        this.keyId = keyId;
        body.put("principal", kind);
        body.put("key_id", keyId);
        body.put("key_prefix", prefix);
        body.put("team", team);
    }

    /** The person behind the request: a key's owner, or the user an identity provider's token names. */
    public void user(String user) {
        body.put("user", user);
    }

    /** The public prefix of a well-formed key that was refused (never the key). */
    public void presentedPrefix(String prefix) {
        body.put("presented_prefix", prefix);
    }

    public void requested(String model, Boolean stream) {
        body.put("requested_model", model);
        body.put("stream", stream);
    }

    public void routed(String reason) {
        body.put("route_reason", reason);
    }

    /** An attempt started on {@code backend}; the last one tried is recorded if none answers. */
    public void attempt(String backend, String model, int number) {
        attempts = Math.max(attempts, number);
        body.put("backend", backend);
        body.put("model", model);
    }

    /** The attempt that answered, with the route decision's reason as the client saw it. */
    public void served(String backend, String model, int attempt, String reason) {
        attempt(backend, model, attempt);
        body.put("route_reason", reason);
    }

    public void usage(int promptTokens, int completionTokens, boolean estimated) {
        body.put("prompt_tokens", promptTokens);
        body.put("completion_tokens", completionTokens);
        body.put("usage_estimated", estimated);
    }

    /**
     * What it cost at the answering model's price, in whole micro-dollars (the canonical JSON of the chain has no
     * floating point); absent when that model has no price.
     */
    public void cost(long microUsd) {
        body.put("cost_micro_usd", microUsd);
    }

    /** The data classes the privacy guard found (names, never values) and what it did. */
    public void privacy(String dataClasses, String action) {
        body.put("data_classes", dataClasses);
        body.put("privacy_action", action);
    }

    public void error(String code) {
        body.put("error_code", code);
    }

    public boolean recorded() {
        return recorded;
    }

    public String requestId() {
        return requestId;
    }

    /**
     * Closes the record. Call once: a second call fails, so a request can never be recorded twice.
     *
     * @param status  the HTTP status the client got, or 0 when the connection was gone before one was sent
     * @param outcome {@code ok, refused, unauthenticated, forbidden, error, interrupted, client_gone}
     */
    public AuditEvent finish(int status, String outcome, long nowNanos, long nowMillis) {
        if (recorded) {
            throw new IllegalStateException("request " + requestId + " was already recorded");
        }
        recorded = true;
        body.put("attempts", attempts);
        body.put("status", status == 0 ? null : status);
        body.put("outcome", outcome);
        body.put("latency_ms", Math.max(0, (nowNanos - receivedNanos) / 1_000_000));
        return new AuditEvent(AuditEvent.REQUEST, nowMillis, requestId, keyId, body);
    }

    /** The outcome word for a response status that the gateway sent. */
    public static String outcomeOf(int status) {
        if (status < 400) {
            return "ok";
        }
        return switch (status) {
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            default -> status < 500 ? "refused" : "error";
        };
    }
}
