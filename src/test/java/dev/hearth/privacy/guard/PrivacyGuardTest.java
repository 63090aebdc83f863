package dev.hearth.privacy.guard;

import static dev.hearth.privacy.guard.PrivacyAction.ALLOW;
import static dev.hearth.privacy.guard.PrivacyAction.BLOCK;
import static dev.hearth.privacy.guard.PrivacyAction.LOCAL_ONLY;
import static dev.hearth.privacy.guard.PrivacyAction.MASK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.error.ErrorKind;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.ContentPart;
import dev.hearth.model.Message;
import dev.hearth.model.ResponseFormat;
import dev.hearth.model.Role;
import dev.hearth.model.Sampling;
import dev.hearth.model.ToolCall;
import dev.hearth.model.ToolDefinition;
import dev.hearth.privacy.DataClass;
import dev.hearth.privacy.Detectors;
import dev.hearth.privacy.custom.CustomRules;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Inspection of every text a request carries, and the decision: defaults, strictest wins, alias and principal. */
class PrivacyGuardTest {
    static final String SECRET = "ghp_4fK9sLm2Qx7Vb1Nz8Ry3Tc6Wp0Hd5Ja2Ge9U";
    static final String PII = "mail jane.doe@example.com";
    static final String PHI = "Patient MRN: 00482133 was seen today.";
    static final String FINANCIAL = "card 4111 1111 1111 1111";
    static final String CONFIDENTIAL = "PRIVILEGED & CONFIDENTIAL: the merger terms";
    static final String CUSTOM = "status of Project Bluebird";

    private final List<DataClass> decided = new ArrayList<>();
    private final PrivacyGuard guard = new PrivacyGuard(true,
            Detectors.standard(CustomRules.keywords("project", "Project Bluebird")), PrivacyPolicy.defaults(),
            Map.of("cloudy", Map.of(DataClass.PHI, MASK), "strict", Map.of(DataClass.PII, BLOCK)),
            new PrivacyListener() {
                @Override
                public void decided(Set<DataClass> found, PrivacyAction action) {
                    decided.addAll(found);
                }
            });

    private static ChatRequest ask(String model, String... texts) {
        List<Message> messages = Stream.of(texts).map(t -> Message.text(Role.USER, t)).toList();
        return new ChatRequest(model, messages, List.of(), null, null, Sampling.NONE, false, false, Map.of());
    }

    private PrivacyVerdict verdict(ChatRequest request) {
        return guard.decide(request, guard.inspect(request), Map.of());
    }

    static Stream<Arguments> defaults() {
        return Stream.of(
                Arguments.of(SECRET, DataClass.SECRET, MASK),
                Arguments.of(PII, DataClass.PII, MASK),
                Arguments.of(PHI, DataClass.PHI, LOCAL_ONLY),
                Arguments.of(FINANCIAL, DataClass.FINANCIAL, MASK),
                Arguments.of(CONFIDENTIAL, DataClass.CONFIDENTIAL, LOCAL_ONLY),
                Arguments.of(CUSTOM, DataClass.CUSTOM, LOCAL_ONLY));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource("defaults")
    void eachDataClassGetsItsDefaultAction(String text, DataClass dataClass, PrivacyAction action) {
        PrivacyVerdict verdict = verdict(ask("m", text));
        assertThat(verdict.inspection().classes()).containsExactly(dataClass);
        assertThat(verdict.action()).isEqualTo(action);
        assertThat(verdict.decisive()).containsExactly(dataClass);
    }

    @Test
    void theStrictestActionWinsAndOnlyItsClassesAreDecisive() {
        PrivacyVerdict verdict = verdict(ask("m", PII, SECRET + " " + PHI));
        assertThat(verdict.inspection().classes()).containsExactly(DataClass.SECRET, DataClass.PHI, DataClass.PII);
        assertThat(verdict.action()).isEqualTo(LOCAL_ONLY);
        assertThat(verdict.decisive()).containsExactly(DataClass.PHI);
        assertThat(verdict.classesHeader()).isEqualTo("secret,phi,pii");
        assertThat(verdict.actionHeader()).isEqualTo("local-only");
        assertThat(verdict.confinement().localOnly()).isTrue();
        assertThat(verdict.confinement().because()).isEqualTo("phi");
    }

    @Test
    void anAliasOverridesTheGlobalPolicyInEitherDirection() {
        assertThat(verdict(ask("cloudy", PHI)).action()).isEqualTo(MASK);
        assertThat(verdict(ask("strict", PII)).action()).isEqualTo(BLOCK);
        assertThat(verdict(ask("cloudy", PII)).action()).isEqualTo(MASK);
    }

    @Test
    void aPrincipalPolicyOnlyEverTightens() {
        ChatRequest request = ask("cloudy", PHI);
        Inspection found = guard.inspect(request);
        assertThat(guard.decide(request, found, Map.of(DataClass.PHI, ALLOW)).action()).isEqualTo(MASK);
        assertThat(guard.decide(request, found, Map.of(DataClass.PHI, BLOCK)).action()).isEqualTo(BLOCK);
    }

    @Test
    void aBlockRefusalNamesClassAndPlaceButNeverTheValue() {
        PrivacyVerdict verdict = verdict(ask("strict", "hello", PII));
        assertThat(verdict.blocked()).isTrue();
        var refusal = verdict.refusal();
        assertThat(refusal.kind()).isEqualTo(ErrorKind.PERMISSION);
        assertThat(refusal.code()).isEqualTo("privacy_blocked");
        assertThat(refusal.message()).contains("pii data (in messages[1].content[0])").doesNotContain("jane");
    }

    @Test
    void aCleanRequestIsAllowedWithNothingToReport() {
        PrivacyVerdict verdict = verdict(ask("m", "What is the capital of France?"));
        assertThat(verdict.inspection()).isSameAs(Inspection.NONE);
        assertThat(verdict.action()).isEqualTo(ALLOW);
        assertThat(verdict.classesHeader()).isEqualTo("none");
        assertThat(verdict.actionHeader()).isEqualTo("none");
    }

    @Test
    void aSwitchedOffGuardInspectsNothingAndSaysSo() {
        PrivacyGuard off = new PrivacyGuard(false, Detectors.standard(), PrivacyPolicy.defaults(), Map.of(),
                PrivacyListener.NONE);
        ChatRequest request = ask("m", SECRET);
        assertThat(off.inspect(request)).isSameAs(Inspection.NONE);
        assertThat(off.decide(request, Inspection.NONE, Map.of()).actionHeader()).isEqualTo("off");
    }

    @Test
    void everyTextARequestCarriesIsInspected() {
        Message system = Message.text(Role.SYSTEM, PII);
        Message assistant = new Message(Role.ASSISTANT, List.of(new ContentPart.Text(CUSTOM)),
                List.of(new ToolCall("c", "f", "{\"key\":\"" + SECRET + "\"}")), null, null);
        Message tool = new Message(Role.TOOL, List.of(new ContentPart.Text(PHI)), List.of(), "c", null);
        Message user = new Message(Role.USER, List.of(new ContentPart.Image("https://example.com/x.png", null),
                new ContentPart.Opaque("note", Map.of("text", FINANCIAL))), List.of(), null, null);
        Map<String, Object> parameters = Map.of("type", "object", "properties",
                Map.of("to", Map.of("type", "string", "description", "for example " + PII)));
        ResponseFormat format = new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, "s",
                Map.of("description", "Reply to " + PII), null);
        ChatRequest request = new ChatRequest("m", List.of(system, assistant, tool, user),
                List.of(new ToolDefinition("f", CONFIDENTIAL, parameters, null)), null, format, Sampling.NONE, false,
                false, Map.of("prediction", Map.of("content", "Dear Dr. Amal Haddad")));
        Inspection inspection = guard.inspect(request);
        assertThat(inspection.classes()).isEqualTo(EnumSet.allOf(DataClass.class));
        assertThat(inspection.findings()).extracting(f -> f.slot().path()).containsExactly(
                "messages[0].content[0]", "messages[1].content[0]", "messages[1].tool_calls[0].arguments",
                "messages[2].content[0]", "messages[3].content[1].text", "tools[0].description",
                "tools[0].parameters.properties.to.description", "response_format.schema.description",
                "extra.prediction.content");
        verdict(request);
        assertThat(decided).containsExactlyElementsOf(EnumSet.allOf(DataClass.class));
    }
}
