package dev.hearth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseStreamEvent;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.Fault;
import dev.hearth.testkit.FakeOpenAi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the packaged gateway as its own process, driven by the official OpenAI Java SDK, in front of two fake
 * OpenAI-compatible upstreams (a local one that fails on demand and a cloud one behind it) and the in-process
 * embedding model.
 */
class OpenAiClientIT {
    @TempDir
    static Path dir;

    private static FakeOpenAi local;
    private static FakeOpenAi cloud;
    private static GatewayProcess gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        local = new FakeOpenAi("qwen-local");
        cloud = new FakeOpenAi("gpt-cloud");
        Path config = dir.resolve("hearth.yaml");
        Files.writeString(config, """
                server:
                  host: 127.0.0.1
                  port: 0
                backends:
                  - name: workstation
                    protocol: openai
                    base-url: %s
                    location: local
                    models: [qwen-local]
                  - name: cloud
                    protocol: openai
                    base-url: %s
                    location: cloud
                    models: [gpt-cloud]
                aliases:
                  coder: [workstation/qwen-local, cloud/gpt-cloud]
                failover:
                  max-retries: 1
                  backoff-base: 10ms
                discovery:
                  embedded: true
                """.formatted(local.baseUrl(), cloud.baseUrl()));
        gateway = new GatewayProcess(config);
        client = OpenAIOkHttpClient.builder()
                .baseUrl("http://127.0.0.1:" + gateway.port() + "/v1")
                .apiKey("not-needed-yet")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(60))
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        local.close();
        cloud.close();
    }

    private static ChatCompletionCreateParams.Builder chat(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello");
    }

    @Test
    void chatCompletionThroughTheSdk() {
        local.enqueue(Answer.text("Hello", ", world"));
        ChatCompletion completion = client.chat().completions().create(chat("qwen-local").build());
        assertThat(completion.choices().getFirst().message().content()).hasValue("Hello, world");
        assertThat(completion.model()).isEqualTo("qwen-local");
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(2);
    }

    @Test
    void streamingThroughTheSdkWithUsage() {
        local.enqueue(Answer.text("one", " two", " three"));
        StringBuilder text = new StringBuilder();
        long usageChunks;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                chat("qwen-local").streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                        .build())) {
            List<ChatCompletionChunk> chunks = stream.stream().toList();
            chunks.forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
            usageChunks = chunks.stream().filter(c -> c.usage().isPresent()).count();
        }
        assertThat(text.toString()).isEqualTo("one two three");
        assertThat(usageChunks).isEqualTo(1);
    }

    @Test
    void toolCallsThroughTheSdk() {
        local.enqueue(Answer.toolCall("call_7", "lookup", "{\"q\":\"hearth\"}"));
        ChatCompletion completion = client.chat().completions().create(chat("qwen-local")
                .addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name("lookup")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object")).build())
                        .build()).build())
                .build());
        ChatCompletionMessageFunctionToolCall call = completion.choices().getFirst().message().toolCalls()
                .orElseThrow().getFirst().asFunction();
        assertThat(call.id()).isEqualTo("call_7");
        assertThat(call.function().name()).isEqualTo("lookup");
        assertThat(call.function().arguments()).isEqualTo("{\"q\":\"hearth\"}");
        assertThat(completion.choices().getFirst().finishReason().asString()).isEqualTo("tool_calls");
    }

    @Test
    void responsesThroughTheSdkStreamedAndWithAFunctionCall() {
        local.enqueue(Answer.text("re", "sponses"));
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(
                ResponseCreateParams.builder().model("qwen-local").input("Say it").build())) {
            stream.stream().filter(ResponseStreamEvent::isOutputTextDelta)
                    .forEach(e -> text.append(e.asOutputTextDelta().delta()));
        }
        assertThat(text.toString()).isEqualTo("responses");

        local.enqueue(Answer.toolCall("call_8", "lookup", "{\"q\":\"hearth\"}"));
        Response response = client.responses().create(ResponseCreateParams.builder().model("qwen-local")
                .input("Look it up").addTool(FunctionTool.builder().name("lookup").strict(false)
                        .parameters(FunctionTool.Parameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object")).build())
                        .build())
                .build());
        ResponseFunctionToolCall call = response.output().getFirst().asFunctionCall();
        assertThat(call.callId()).isEqualTo("call_8");
        assertThat(call.arguments()).isEqualTo("{\"q\":\"hearth\"}");
        assertThatThrownBy(() -> client.responses().create(ResponseCreateParams.builder().model("qwen-local")
                .input("and then?").previousResponseId(response.id()).build()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("does not store");
    }

    @Test
    void aFailingLocalBackendIsInvisibleBehindAnAlias() {
        local.enqueue(Answer.text("x"), Fault.status(500, "GPU fell off the bus"));
        cloud.enqueue(Answer.text("cloud", " answer"));
        ChatCompletion completion = client.chat().completions().create(chat("coder").build());
        assertThat(completion.choices().getFirst().message().content()).hasValue("cloud answer");
        assertThat(completion.model()).isEqualTo("gpt-cloud");
    }

    @Test
    void embeddingsAreServedInProcessByTheShippedModel() {
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("all-minilm-l6-v2").input("The hearth keeps the house warm").build());
        List<Float> vector = response.data().getFirst().embedding();
        assertThat(vector).hasSize(384);
        double norm = Math.sqrt(vector.stream().mapToDouble(v -> v * v).sum());
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(response.usage().promptTokens()).isPositive();
    }

    @Test
    void modelsListBackendsAndAliases() {
        List<String> ids = client.models().list().autoPager().stream().map(Model::id).toList();
        assertThat(ids).contains("qwen-local", "gpt-cloud", "coder", "all-minilm-l6-v2");
    }

    @Test
    void errorsReachTheSdkAsTypedExceptions() {
        assertThatThrownBy(() -> client.chat().completions().create(chat("no-such-model").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no-such-model");
        local.enqueue(Answer.text("x"), new Fault.Status(400, "content_policy_violation", "refused by policy",
                Map.of()));
        assertThatThrownBy(() -> client.chat().completions().create(chat("qwen-local").build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("refused by policy");
    }
}
