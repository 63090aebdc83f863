package dev.hearth.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.config.BackendConfig;
import dev.hearth.json.Json;
import dev.hearth.provider.UpstreamException;
import dev.hearth.provider.UpstreamFailure;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;

/**
 * Builds request options for one backend (URL from configuration, credentials attached in exactly one place) and
 * runs small non-streamed JSON exchanges (embeddings, model lists).
 */
public final class UpstreamRequests {
    private final BackendConfig backend;
    private final String authHeader;
    private final String authPrefix;
    private final String base;

    /** @param authHeader header carrying the key ("Authorization", "x-api-key"), with {@code authPrefix} before it */
    public UpstreamRequests(BackendConfig backend, String authHeader, String authPrefix) {
        this.backend = backend;
        this.authHeader = authHeader;
        this.authPrefix = authPrefix;
        String url = backend.baseUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public RequestOptions post(String path) {
        return request(HttpMethod.POST, path).putHeader("Content-Type", "application/json");
    }

    public RequestOptions request(HttpMethod method, String path) {
        RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(base + path);
        if (backend.apiKey() != null) {
            options.putHeader(authHeader, authPrefix + backend.apiKey().reveal());
        }
        return options;
    }

    /** One JSON exchange; a non-2xx answer or an unreadable body fails with a classified {@link UpstreamException}. */
    public Future<JsonNode> exchange(HttpClient client, RequestOptions options, Buffer body, StatusReader errors) {
        return client.request(options)
                .compose(req -> body == null ? req.send() : req.send(body))
                .recover(err -> Future.failedFuture(new UpstreamException(StreamingCall.connectionFailure(err))))
                .compose(resp -> resp.body().map(bytes -> {
                    if (resp.statusCode() / 100 != 2) {
                        throw new UpstreamException(errors.read(resp.statusCode(), bytes.getBytes(),
                                resp.getHeader("Retry-After"), resp.getHeader("retry-after-ms")));
                    }
                    try {
                        return Json.read(bytes.getBytes());
                    } catch (IOException e) {
                        throw new UpstreamException(
                                UpstreamFailure.of(UpstreamFailure.Kind.PROTOCOL, "unreadable JSON answer"));
                    }
                }));
    }

    /** Classifies an error body by status, body and retry headers. */
    @FunctionalInterface
    public interface StatusReader {
        UpstreamFailure read(int status, byte[] body, String retryAfter, String retryAfterMs);
    }
}
