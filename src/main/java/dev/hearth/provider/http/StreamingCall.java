package dev.hearth.provider.http;

import dev.hearth.provider.UpstreamCall;
import dev.hearth.provider.UpstreamFailure;
import dev.hearth.provider.UpstreamListener;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import java.util.function.Function;

/**
 * One streamed POST to an upstream, shared by every HTTP protocol: sends the body, hands a 2xx body to the protocol's
 * decoder as it arrives (never buffered), reads an error body and classifies it, and maps socket failures to
 * {@link UpstreamFailure.Kind#CONNECTION}. Cancel resets the request, which closes the upstream connection at once.
 */
public final class StreamingCall implements UpstreamCall {
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final UpstreamListener listener;
    private HttpClientRequest request;
    private HttpClientResponse response;
    private boolean paused;
    private boolean cancelled;
    private boolean ended;

    private StreamingCall(UpstreamListener listener) {
        this.listener = listener;
    }

    /**
     * @param decoders builds the protocol's body decoder, which reports to the listener passed through here
     */
    public static StreamingCall start(HttpClient client, RequestOptions options, Buffer body, UpstreamListener listener,
            Function<UpstreamListener, BodyDecoder> decoders, ErrorBodyReader errors) {
        StreamingCall call = new StreamingCall(listener);
        UpstreamListener guarded = call.guard();
        client.request(options).onComplete(ar -> {
            if (call.cancelled) {
                if (ar.succeeded()) {
                    ar.result().reset();
                }
                return;
            }
            if (ar.failed()) {
                guarded.onFailure(connectionFailure(ar.cause()));
                return;
            }
            call.request = ar.result();
            call.request.exceptionHandler(err -> guarded.onFailure(connectionFailure(err)));
            guarded.onDispatched();
            call.request.send(body).onComplete(sent -> {
                if (call.cancelled) {
                    return;
                }
                if (sent.failed()) {
                    guarded.onFailure(connectionFailure(sent.cause()));
                    return;
                }
                call.onResponse(sent.result(), guarded, decoders, errors);
            });
        });
        return call;
    }

    private void onResponse(HttpClientResponse resp, UpstreamListener guarded,
            Function<UpstreamListener, BodyDecoder> decoders, ErrorBodyReader errors) {
        response = resp;
        resp.exceptionHandler(err -> guarded.onFailure(connectionFailure(err)));
        if (resp.statusCode() / 100 != 2) {
            Buffer collected = Buffer.buffer();
            resp.handler(chunk -> {
                if (collected.length() < MAX_ERROR_BODY) {
                    collected.appendBuffer(chunk);
                }
            });
            resp.endHandler(v -> guarded.onFailure(errors.read(resp, collected.getBytes())));
            return;
        }
        BodyDecoder decoder = decoders.apply(guarded);
        resp.handler(decoder::onChunk);
        resp.endHandler(v -> decoder.onEnd());
        if (paused) {
            resp.pause();
        }
    }

    /** Makes sure the listener hears at most one terminal call and nothing after a cancel. */
    private UpstreamListener guard() {
        return new UpstreamListener() {
            @Override
            public void onDispatched() {
                if (!ended && !cancelled) {
                    listener.onDispatched();
                }
            }

            @Override
            public void onEvent(dev.hearth.model.StreamEvent event) {
                if (!ended && !cancelled) {
                    listener.onEvent(event);
                }
            }

            @Override
            public void onComplete() {
                if (!ended && !cancelled) {
                    ended = true;
                    listener.onComplete();
                }
            }

            @Override
            public void onFailure(UpstreamFailure failure) {
                if (!ended && !cancelled) {
                    ended = true;
                    listener.onFailure(failure);
                    // A broken body must not keep the connection: close it so the pool does not reuse it.
                    if (request != null && failure.kind() == UpstreamFailure.Kind.PROTOCOL) {
                        request.reset();
                    }
                }
            }
        };
    }

    static UpstreamFailure connectionFailure(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return UpstreamFailure.of(UpstreamFailure.Kind.CONNECTION, message);
    }

    @Override
    public void pause() {
        paused = true;
        if (response != null) {
            response.pause();
        }
    }

    @Override
    public void resume() {
        paused = false;
        if (response != null) {
            response.resume();
        }
    }

    @Override
    public void cancel() {
        if (cancelled || ended) {
            cancelled = true;
            return;
        }
        cancelled = true;
        if (request != null) {
            request.reset();
        }
    }
}
