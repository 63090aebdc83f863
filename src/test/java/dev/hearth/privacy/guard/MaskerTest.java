package dev.hearth.privacy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.ContentPart;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import dev.hearth.model.Sampling;
import dev.hearth.model.ToolCall;
import dev.hearth.model.ToolDefinition;
import dev.hearth.privacy.DataClass;
import dev.hearth.privacy.Detectors;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Masking one request: every text kind, consistent placeholders, valid JSON arguments, and only the chosen classes. */
class MaskerTest {
    private static final PrivacyGuard GUARD = new PrivacyGuard(true, Detectors.standard(), PrivacyPolicy.defaults(),
            Map.of(), PrivacyListener.NONE);
    private static final String EMAIL = "jane.doe@example.com";
    private static final String CARD = "4111 1111 1111 1111";
    private static final String TOKEN = "ghp_4fK9sLm2Qx7Vb1Nz8Ry3Tc6Wp0Hd5Ja2Ge9U";
    private static final Set<DataClass> ALL = EnumSet.allOf(DataClass.class);

    static ChatRequest request(List<Message> messages, List<ToolDefinition> tools) {
        return new ChatRequest("m", messages, tools, null, null, Sampling.NONE, false, false, Map.of());
    }

    private static Masker.Masked mask(ChatRequest request, Set<DataClass> classes) {
        return Masker.mask(request, GUARD.inspect(request), classes);
    }

    private static String text(ChatRequest request, int message) {
        return request.messages().get(message).joinedText();
    }

    @Test
    void theSameValueGetsTheSamePlaceholderEverywhereIncludingTheSystemPrompt() {
        ChatRequest request = request(List.of(
                Message.text(Role.SYSTEM, "Escalations go to " + EMAIL + "."),
                Message.text(Role.USER, "Mail " + EMAIL + " and bob.smith@example.org, then " + EMAIL + " again.")),
                List.of());
        Masker.Masked masked = mask(request, ALL);
        assertThat(text(masked.request(), 0)).isEqualTo("Escalations go to <<EMAIL_ADDRESS_1>>.");
        assertThat(text(masked.request(), 1))
                .isEqualTo("Mail <<EMAIL_ADDRESS_1>> and <<EMAIL_ADDRESS_2>>, then <<EMAIL_ADDRESS_1>> again.");
        assertThat(masked.placeholders().size()).isEqualTo(2);
        assertThat(masked.spans()).isEqualTo(4);
        for (int m = 0; m < 2; m++) {
            assertThat(Restorer.restoreAll(masked.placeholders(), false, text(masked.request(), m)))
                    .isEqualTo(text(request, m));
        }
    }

    @Test
    void onlyTheChosenClassesAreMasked() {
        ChatRequest request = request(List.of(Message.text(Role.USER, "Card " + CARD + ", mail " + EMAIL)),
                List.of());
        Masker.Masked masked = mask(request, EnumSet.of(DataClass.FINANCIAL));
        assertThat(text(masked.request(), 0)).isEqualTo("Card <<CREDIT_CARD_1>>, mail " + EMAIL);
    }

    @Test
    void toolCallArgumentsStayValidJsonWithEscapedAndBareValues() throws Exception {
        String arguments = "{\"token\":\"" + TOKEN + "\",\"note\":\"say \\\"hi\\\" to " + EMAIL
                + "\\n\",\"card\":4111111111111111}";
        Message call = new Message(Role.ASSISTANT, List.of(), List.of(new ToolCall("c1", "send", arguments)), null,
                null);
        Masker.Masked masked = mask(request(List.of(Message.text(Role.USER, "go"), call), List.of()), ALL);
        String out = masked.request().messages().get(1).toolCalls().getFirst().arguments();
        JsonNode json = Json.read(out);
        assertThat(json.path("token").asText()).isEqualTo("<<GITHUB_TOKEN_1>>");
        assertThat(json.path("note").asText()).isEqualTo("say \"hi\" to <<EMAIL_ADDRESS_1>>\n");
        assertThat(json.path("card").asText()).isEqualTo("<<CREDIT_CARD_1>>");
        assertThat(masked.placeholders().original("<<EMAIL_ADDRESS_1>>")).isEqualTo(EMAIL);
        JsonNode restored = Json.read(Restorer.restoreAll(masked.placeholders(), true, out));
        assertThat(restored.path("token").asText()).isEqualTo(TOKEN);
        assertThat(restored.path("note").asText()).isEqualTo("say \"hi\" to " + EMAIL + "\n");
    }

    @Test
    void toolDescriptionsAndOpaquePartLeavesAreMaskedToo() {
        Map<String, Object> opaque = new LinkedHashMap<>();
        opaque.put("type", "input_note");
        opaque.put("input_note", Map.of("text", "card " + CARD, "n", 3));
        ChatRequest request = request(
                List.of(new Message(Role.USER, List.of(new ContentPart.Opaque("input_note", opaque)), List.of(), null,
                        null)),
                List.of(new ToolDefinition("page", "Pages the on-call engineer at " + EMAIL, Map.of(), null)));
        Masker.Masked masked = mask(request, ALL);
        ContentPart.Opaque part = (ContentPart.Opaque) masked.request().messages().getFirst().content().getFirst();
        assertThat(part.json()).containsEntry("type", "input_note");
        @SuppressWarnings("unchecked")
        Map<String, Object> note = (Map<String, Object>) part.json().get("input_note");
        assertThat(note).containsEntry("text", "card <<CREDIT_CARD_1>>").containsEntry("n", 3);
        assertThat(masked.request().tools().getFirst().description())
                .isEqualTo("Pages the on-call engineer at <<EMAIL_ADDRESS_1>>");
    }

    @Test
    void parameterSchemasAndPassThroughFieldsAreMaskedWhileUntouchedTreesStayTheSameObjects() {
        Map<String, Object> parameters = Map.of("type", "object", "description", "Mails " + EMAIL);
        Map<String, Object> untouched = Map.of("type", "object");
        ChatRequest request = new ChatRequest("m", List.of(Message.text(Role.USER, "hi")),
                List.of(new ToolDefinition("a", null, parameters, null), new ToolDefinition("b", null, untouched,
                        null)), null, null, Sampling.NONE, false, false, Map.of("user", EMAIL));
        ChatRequest masked = mask(request, ALL).request();
        assertThat(masked.tools().get(0).parameters()).containsEntry("description", "Mails <<EMAIL_ADDRESS_1>>")
                .containsEntry("type", "object");
        assertThat(masked.tools().get(1).parameters()).isSameAs(untouched);
        assertThat(masked.extra()).containsEntry("user", "<<EMAIL_ADDRESS_1>>");
        assertThat(masked.messages()).isEqualTo(request.messages());
    }

    @Test
    void aPlaceholderTheRequestAlreadyContainsIsNeverHandedOut() {
        ChatRequest request = request(List.of(Message.text(Role.USER,
                "Explain what <<EMAIL_ADDRESS_1>> means in my template, then mail " + EMAIL)), List.of());
        Masker.Masked masked = mask(request, ALL);
        assertThat(text(masked.request(), 0))
                .isEqualTo("Explain what <<EMAIL_ADDRESS_1>> means in my template, then mail <<EMAIL_ADDRESS_2>>");
        assertThat(masked.placeholders().original("<<EMAIL_ADDRESS_1>>")).isNull();
    }

    @Test
    void aRequestWithNothingToMaskIsReturnedAsItIs() {
        ChatRequest request = request(List.of(Message.text(Role.USER, "What is the capital of France?")), List.of());
        assertThat(mask(request, ALL).request()).isSameAs(request);
    }

    @Test
    void customRuleLabelsAreUpperCaseWithUnderscores() {
        assertThat(Placeholders.label("CUSTOM:project.x-1")).isEqualTo("CUSTOM_PROJECT_X_1");
        assertThat(Placeholders.label("EMAIL_ADDRESS")).isEqualTo("EMAIL_ADDRESS");
    }
}
