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
import java.net.URI;

/**
 * Builds request options for one backend (URL from configuration, credentials attached in exactly one place) and
 * runs small non-streamed JSON exchanges (embeddings, model lists).
 */
public final class UpstreamRequests {
    private final BackendConfig backend;
    private final String authHeader;
    private final String authPrefix;
    private final String host;
    private final int port;
    private final boolean ssl;
    private final String basePath;

    /** @param authHeader header carrying the key ("Authorization", "x-api-key"), with {@code authPrefix} before it */
    public UpstreamRequests(BackendConfig backend, String authHeader, String authPrefix) {
        this.backend = backend;
        this.authHeader = authHeader;
        this.authPrefix = authPrefix;
        // Parsed once per backend: an absolute URI set per request costs a URL parse on every call.
        URI url = backend.baseUrl();
        this.ssl = "https".equalsIgnoreCase(url.getScheme());
        String named = url.getHost();
        this.host = named.startsWith("[") ? named.substring(1, named.length() - 1) : named; // IPv6 literal
        this.port = url.getPort() != -1 ? url.getPort() : ssl ? 443 : 80;
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    public RequestOptions post(String path) {
        return request(HttpMethod.POST, path).putHeader("Content-Type", "application/json");
    }

    public RequestOptions request(HttpMethod method, String path) {
        RequestOptions options = new RequestOptions().setMethod(method).setSsl(ssl).setHost(host).setPort(port)
                .setURI(basePath + path);
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
