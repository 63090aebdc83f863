package dev.hearth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * An OpenAI-compatible upstream as documented for Chat Completions: SSE {@code chat.completion.chunk} events
 * (role first, content deltas, tool-call deltas with id/name first then argument pieces, a finish chunk, a usage chunk
 * when {@code stream_options.include_usage} is set) and {@code data: [DONE]}; non-streaming {@code chat.completion};
 * {@code /embeddings}; {@code /models}; errors as {@code {"error": {...}}}.
 */
public final class FakeOpenAi extends FakeServerBase {
    private static final String LM_STUDIO_MODELS = "/api/v0/models";
    private final List<String> models;
    /** Set: this fake is an LM Studio server too, and these of its models are loaded. */
    private volatile List<String> lmStudioLoaded;
    private final java.util.concurrent.atomic.AtomicInteger statusPolls = new java.util.concurrent.atomic.AtomicInteger();

    public FakeOpenAi(String... models) {
        super("/v1");
        this.models = models.length == 0 ? List.of("fake-model") : List.of(models);
    }

    /**
     * Also speak LM Studio's REST API: {@code GET /api/v0/models} lists every model with {@code "state": "loaded"}
     * for {@code loaded} and {@code "not-loaded"} for the others. Without this that path is a 404, as on vLLM.
     */
    public FakeOpenAi lmStudio(String... loaded) {
        this.lmStudioLoaded = List.of(loaded);
        return this;
    }

    /** How many times {@code /api/v0/models} was asked (answered or 404); these are not in {@link #requests()}. */
    public int statusPolls() {
        return statusPolls.get();
    }

    @Override
    protected boolean records(String path) {
        return !path.equals(LM_STUDIO_MODELS);
    }

    @Override
    protected void handle(HttpServerRequest request, JsonNode body) {
        String path = request.path();
        List<String> loaded = lmStudioLoaded;
        if (path.equals(LM_STUDIO_MODELS)) {
            statusPolls.incrementAndGet();
        }
        if (path.equals(LM_STUDIO_MODELS) && loaded != null) {
            request.response().putHeader("Content-Type", "application/json").end(Json.write(gen -> {
                gen.writeStartObject();
                gen.writeStringField("object", "list");
                gen.writeArrayFieldStart("data");
                for (String model : models) {
                    gen.writeStartObject();
                    gen.writeStringField("id", model);
                    gen.writeStringField("object", "model");
                    gen.writeStringField("type", "llm");
                    gen.writeStringField("publisher", "lmstudio-community");
                    gen.writeStringField("arch", "qwen2");
                    gen.writeStringField("compatibility_type", "gguf");
                    gen.writeStringField("quantization", "Q4_K_M");
                    gen.writeStringField("state", loaded.contains(model) ? "loaded" : "not-loaded");
                    gen.writeNumberField("max_context_length", 32768);
                    gen.writeEndObject();
                }
                gen.writeEndArray();
                gen.writeEndObject();
            }));
            return;
        }
        if (path.equals("/v1/models")) {
            request.response().putHeader("Content-Type", "application/json").end(Json.write(gen -> {
                gen.writeStartObject();
                gen.writeStringField("object", "list");
                gen.writeArrayFieldStart("data");
                for (String model : models) {
                    gen.writeStartObject();
                    gen.writeStringField("id", model);
                    gen.writeStringField("object", "model");
                    gen.writeEndObject();
                }
                gen.writeEndArray();
                gen.writeEndObject();
            }));
            return;
        }
        if (path.equals("/v1/embeddings")) {
            embeddings(request, body);
            return;
        }
        if (!path.equals("/v1/chat/completions") || body == null) {
            error(request.response().setStatusCode(404), "not_found", "unknown path " + path);
            return;
        }
        Scripted next = next();
        if (preResponseFault(request, next.fault(), (response, status) -> error(response, status.code(),
                status.message()))) {
            return;
        }
        String model = Json.text(body, "model");
        if (!body.path("stream").asBoolean(false)) {
            request.response().putHeader("Content-Type", "application/json").end(completion(next.answer(), model));
            return;
        }
        boolean usage = body.path("stream_options").path("include_usage").asBoolean(false);
        HttpServerResponse response = request.response().setChunked(true)
                .putHeader("Content-Type", "text/event-stream");
        stream(response, frames(next.answer(), model, usage), Buffer.buffer("data: [DONE]\n\n"), next.fault(),
                Buffer.buffer("data: {this is not json\n\n"),
                message -> sse(Json.write(gen -> {
                    gen.writeStartObject();
                    gen.writeObjectFieldStart("error");
                    gen.writeStringField("message", message);
                    gen.writeStringField("type", "server_error");
                    gen.writeEndObject();
                    gen.writeEndObject();
                })));
    }

    private static List<Buffer> frames(Answer answer, String model, boolean usage) {
        List<Buffer> frames = new ArrayList<>();
        frames.add(chunk(model, gen -> gen.writeStringField("role", "assistant"), null, false, answer));
        for (String piece : answer.textChunks()) {
            frames.add(chunk(model, gen -> gen.writeStringField("content", piece), null, false, answer));
        }
        for (int i = 0; i < answer.toolCalls().size(); i++) {
            Answer.ToolCallSpec call = answer.toolCalls().get(i);
            int index = i;
            frames.add(chunk(model, gen -> toolDelta(gen, index, call.id(), call.name(), ""), null, false, answer));
            String args = call.argumentsJson();
            int half = args.length() / 2;
            for (String part : List.of(args.substring(0, half), args.substring(half))) {
                frames.add(chunk(model, gen -> toolDelta(gen, index, null, null, part), null, false, answer));
            }
        }
        frames.add(chunk(model, gen -> { }, answer.finishReason(), false, answer));
        if (usage) {
            frames.add(chunk(model, null, null, true, answer));
        }
        return frames;
    }

    private static void toolDelta(com.fasterxml.jackson.core.JsonGenerator gen, int index, String id, String name,
            String args) throws java.io.IOException {
        gen.writeArrayFieldStart("tool_calls");
        gen.writeStartObject();
        gen.writeNumberField("index", index);
        if (id != null) {
            gen.writeStringField("id", id);
            gen.writeStringField("type", "function");
        }
        gen.writeObjectFieldStart("function");
        if (name != null) {
            gen.writeStringField("name", name);
        }
        gen.writeStringField("arguments", args);
        gen.writeEndObject();
        gen.writeEndObject();
        gen.writeEndArray();
    }

    private static Buffer chunk(String model, Json.Writer delta, String finish, boolean usageOnly, Answer answer) {
        return sse(Json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("id", "chatcmpl-fake");
            gen.writeStringField("object", "chat.completion.chunk");
            gen.writeNumberField("created", 1_700_000_000L);
            gen.writeStringField("model", model);
            gen.writeArrayFieldStart("choices");
            if (!usageOnly) {
                gen.writeStartObject();
                gen.writeNumberField("index", 0);
                gen.writeObjectFieldStart("delta");
                delta.write(gen);
                gen.writeEndObject();
                if (finish == null) {
                    gen.writeNullField("finish_reason");
                } else {
                    gen.writeStringField("finish_reason", finish);
                }
                gen.writeEndObject();
            }
            gen.writeEndArray();
            if (usageOnly) {
                gen.writeObjectFieldStart("usage");
                gen.writeNumberField("prompt_tokens", answer.promptTokens());
                gen.writeNumberField("completion_tokens", answer.completionTokens());
                gen.writeNumberField("total_tokens", answer.promptTokens() + answer.completionTokens());
                gen.writeEndObject();
            }
            gen.writeEndObject();
        }));
    }

    private static Buffer completion(Answer answer, String model) {
        return Json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("id", "chatcmpl-fake");
            gen.writeStringField("object", "chat.completion");
            gen.writeNumberField("created", 1_700_000_000L);
            gen.writeStringField("model", model);
            gen.writeArrayFieldStart("choices");
            gen.writeStartObject();
            gen.writeNumberField("index", 0);
            gen.writeObjectFieldStart("message");
            gen.writeStringField("role", "assistant");
            gen.writeStringField("content", answer.fullText());
            gen.writeEndObject();
            gen.writeStringField("finish_reason", answer.finishReason());
            gen.writeEndObject();
            gen.writeEndArray();
            gen.writeObjectFieldStart("usage");
            gen.writeNumberField("prompt_tokens", answer.promptTokens());
            gen.writeNumberField("completion_tokens", answer.completionTokens());
            gen.writeNumberField("total_tokens", answer.promptTokens() + answer.completionTokens());
            gen.writeEndObject();
            gen.writeEndObject();
        });
    }

    private void embeddings(HttpServerRequest request, JsonNode body) {
        int inputs = body != null && body.path("input").isArray() ? body.path("input").size() : 1;
        request.response().putHeader("Content-Type", "application/json").end(Json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("object", "list");
            gen.writeArrayFieldStart("data");
            for (int i = 0; i < inputs; i++) {
                gen.writeStartObject();
                gen.writeStringField("object", "embedding");
                gen.writeNumberField("index", i);
                gen.writeArrayFieldStart("embedding");
                gen.writeNumber(0.25f * (i + 1));
                gen.writeNumber(-0.5f);
                gen.writeNumber(1.0f);
                gen.writeEndArray();
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeStringField("model", Json.text(body, "model"));
            gen.writeObjectFieldStart("usage");
            gen.writeNumberField("prompt_tokens", 3 * inputs);
            gen.writeNumberField("total_tokens", 3 * inputs);
            gen.writeEndObject();
            gen.writeEndObject();
        }));
    }

    private static void error(HttpServerResponse response, String code, String message) {
        response.putHeader("Content-Type", "application/json").end(Json.write(gen -> {
            gen.writeStartObject();
            gen.writeObjectFieldStart("error");
            gen.writeStringField("message", message == null ? "error" : message);
            gen.writeStringField("type", response.getStatusCode() == 429 ? "rate_limit_error" : "invalid_request_error");
            if (code == null) {
                gen.writeNullField("code");
            } else {
                gen.writeStringField("code", code);
            }
            gen.writeEndObject();
            gen.writeEndObject();
        }));
    }

    private static Buffer sse(Buffer json) {
        return Buffer.buffer("data: ").appendBuffer(json).appendString("\n\n");
    }
}
