package dev.hearth.audit;

import java.util.Map;
import java.util.TreeMap;

/**
 * Something to record: a request ({@link RequestAudit} builds those) or an admin action ({@link #admin}). It never
 * holds prompt or response content, nor any secret. Immutable.
 *
 * @param kind      {@code request} or {@code admin}
 * @param time      epoch milliseconds
 * @param requestId the request it belongs to, or null (an action at the command line)
 * @param keyId     the acting key's id, or null
 * @param body      the fields, written as {@link CanonicalJson} (null values are left out)
 */
public record AuditEvent(String kind, long time, String requestId, String keyId, Map<String, Object> body) {
    public static final String REQUEST = "request";
    public static final String ADMIN = "admin";

    public AuditEvent {
        body = java.util.Collections.unmodifiableMap(new TreeMap<>(body));
    }

    /**
     * An admin action such as {@code key.create}: who did it ({@code actor}: key id and name, or {@code cli:user}),
     * through what ({@code api}, {@code cli} or {@code server}), and to which key.
     */
    public static AuditEvent admin(long time, String action, String via, String requestId, String actorKeyId,
            String actorName, Map<String, Object> target) {
        Map<String, Object> body = new TreeMap<>();
        body.put("action", action);
        body.put("via", via);
        body.put("request_id", requestId);
        body.put("actor_key_id", actorKeyId);
        body.put("actor", actorName);
        body.put("target", target);
        return new AuditEvent(ADMIN, time, requestId, actorKeyId, body);
    }

    public String bodyJson() {
        return CanonicalJson.write(body);
    }
}
