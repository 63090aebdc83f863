package dev.hearth.ingress.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.error.GatewayException;
import dev.hearth.json.Json;
import dev.hearth.model.ContentPart;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ollama's /api/generate bodies, served through the chat path, and the image type sniffing both endpoints share. */
class OllamaGenerateDecoderTest {

    private static OllamaCall decode(String json) {
        try {
            return OllamaGenerateDecoder.decode(Json.read(json));
        } catch (java.io.IOException e) {
            throw new AssertionError(json, e);
        }
    }

    @Test
    void thePromptBecomesOneUserMessageAfterTheSystemMessage() {
        OllamaCall call = decode("""
                {"model":"llama3.2","prompt":"Why is the sky blue?","system":"Be brief.",
                 "options":{"seed":42,"num_predict":100},"format":"json"}""");
        assertThat(call.request().messages()).containsExactly(Message.text(Role.SYSTEM, "Be brief."),
                Message.text(Role.USER, "Why is the sky blue?"));
        assertThat(call.request().stream()).isTrue();
        assertThat(call.request().sampling().seed()).isEqualTo(42L);
        assertThat(call.request().sampling().maxTokens()).isEqualTo(100);
        assertThat(call.request().responseFormat()).isNotNull();
        assertThat(call.request().tools()).isEmpty();
    }

    @Test
    void imagesTravelWithThePrompt() {
        OllamaCall call = decode("{\"model\":\"llava\",\"prompt\":\"What is in this picture?\",\"stream\":false,"
                + "\"images\":[\"" + OllamaChatDecoderTest.PNG + "\"]}");
        List<ContentPart> content = call.request().messages().getFirst().content();
        assertThat(content).hasSize(2);
        assertThat(((ContentPart.Image) content.get(1)).url()).startsWith("data:image/png;base64,iVBOR");
        assertThat(call.request().stream()).isFalse();
    }

    @Test
    void anEmptyPromptIsTheLoadCall() {
        assertThat(decode("{\"model\":\"llama3.2\"}").isLoadCall()).isTrue();
        assertThat(decode("{\"model\":\"llama3.2\",\"prompt\":\"\",\"keep_alive\":0}").unload()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"model\":\"mistral\",\"prompt\":\"[INST] why? [/INST]\",\"raw\":true}|raw",
        "{\"model\":\"codellama:code\",\"prompt\":\"def f():\",\"suffix\":\"    return r\"}|suffix",
        "{\"model\":\"m\",\"prompt\":\"x\",\"template\":\"{{ .Prompt }}\"}|template",
        "{\"model\":\"m\",\"prompt\":\"x\",\"context\":[1,2,3]}|context",
        "{\"model\":\"m\",\"prompt\":7}|prompt"})
    void whatTheChatPathCannotHonourIsRefusedWithA400(String body, String param) {
        assertThatThrownBy(() -> decode(body)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.error().httpStatus()).isEqualTo(400);
            assertThat(e.error().param()).isEqualTo(param);
        });
    }

    @Test
    void rawFalseAndEmptySuffixOrContextAreFine() {
        assertThat(decode("{\"model\":\"m\",\"prompt\":\"x\",\"raw\":false,\"suffix\":\"\",\"context\":[]}")
                .request().messages()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource({
        "89504E470D0A1A0A0000000D, image/png",
        "FFD8FFE000104A4649460001, image/jpeg",
        "474946383961010001000000, image/gif",
        "524946460000000057454250, image/webp",
        "000000186674797061766966, image/png"})
    void theMediaTypeComesFromTheMagicBytes(String hex, String mediaType) {
        byte[] bytes = java.util.HexFormat.of().parseHex(hex);
        String base64 = Base64.getEncoder().encodeToString(bytes) + "AAAA";
        assertThat(ImageData.part(base64, "images[0]").mediaType()).isEqualTo(mediaType);
    }

    @Test
    void aDataUrlIsKeptAsItIs() {
        assertThat(ImageData.part("data:image/webp;base64,UklGRg==", "images[0]").url())
                .isEqualTo("data:image/webp;base64,UklGRg==");
    }
}
