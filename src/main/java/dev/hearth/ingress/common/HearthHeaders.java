package dev.hearth.ingress.common;

import dev.hearth.dispatch.Served;
import io.vertx.core.http.HttpServerResponse;
import java.util.Locale;

/** The explanation every answer carries: who served it, why, and what the gateway itself cost. */
public final class HearthHeaders {
    public static final String REQUEST_ID = "x-request-id";
    public static final String BACKEND = "x-hearth-backend";
    public static final String MODEL = "x-hearth-model";
    public static final String LOCALITY = "x-hearth-locality";
    public static final String ROUTE_REASON = "x-hearth-route-reason";
    public static final String ATTEMPTS = "x-hearth-attempts";
    public static final String OVERHEAD_MS = "x-hearth-overhead-ms";
    public static final String DATA_CLASSES = "x-hearth-data-classes";
    public static final String PRIVACY_ACTION = "x-hearth-privacy-action";

    private HearthHeaders() {}

    public static void served(HttpServerResponse response, Served served) {
        response.putHeader(BACKEND, served.route().backend().name())
                .putHeader(MODEL, headerSafe(served.route().model()))
                .putHeader(LOCALITY, served.route().backend().locality().name().toLowerCase(Locale.ROOT))
                .putHeader(ROUTE_REASON, headerSafe(served.reason()))
                .putHeader(ATTEMPTS, Integer.toString(served.attempt()))
                .putHeader(OVERHEAD_MS, String.format(Locale.ROOT, "%.3f", served.overheadNanos() / 1e6));
    }

    /** What the privacy guard found (data classes, never values) and did. */
    public static void privacy(HttpServerResponse response, String dataClasses, String action) {
        if (!"off".equals(action)) {
            response.putHeader(DATA_CLASSES, headerSafe(dataClasses));
        }
        response.putHeader(PRIVACY_ACTION, headerSafe(action));
    }

    /** Header values must be visible ASCII; anything else becomes '?', and long reasons are cut. */
    static String headerSafe(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), 512));
        for (int i = 0; i < value.length() && out.length() < 512; i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
