package dev.hearth.provider.http;

import dev.hearth.provider.UpstreamFailure;
import io.vertx.core.http.HttpClientResponse;

/** Reads a protocol's error body (at most a few KB) into a classified failure. */
@FunctionalInterface
public interface ErrorBodyReader {
    UpstreamFailure read(HttpClientResponse response, byte[] body);
}
