package dev.hearth.server;

import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Request ids: the caller's {@code x-request-id} when it is sane, otherwise 24 hex digits, the first 11 the time in
 * milliseconds and the other 13 random. Time first keeps the audit log's request-id index appending at its end, where
 * random ids touched a different index page per record in every group commit.
 */
final class RequestIds {
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int TIME_DIGITS = 11; // milliseconds in 44 bits: until the year 2527
    private static final int RANDOM_DIGITS = 13;

    private RequestIds() {}

    static String of(HttpServerRequest request) {
        String given = request.getHeader("x-request-id");
        if (given != null && SANE.matcher(given).matches()) {
            return given;
        }
        return generate(System.currentTimeMillis(), ThreadLocalRandom.current().nextLong());
    }

    static String generate(long millis, long random) {
        char[] id = new char[TIME_DIGITS + RANDOM_DIGITS];
        for (int i = TIME_DIGITS - 1; i >= 0; i--, millis >>>= 4) {
            id[i] = HEX[(int) (millis & 0xf)];
        }
        for (int i = id.length - 1; i >= TIME_DIGITS; i--, random >>>= 4) {
            id[i] = HEX[(int) (random & 0xf)];
        }
        return new String(id);
    }
}
