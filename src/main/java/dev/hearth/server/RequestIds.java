package dev.hearth.server;

import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Request ids: the caller's {@code x-request-id} when it is sane, otherwise 24 random hex digits. */
final class RequestIds {
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {}

    static String of(HttpServerRequest request) {
        String given = request.getHeader("x-request-id");
        if (given != null && SANE.matcher(given).matches()) {
            return given;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("%016x%08x", random.nextLong(), random.nextInt());
    }
}
