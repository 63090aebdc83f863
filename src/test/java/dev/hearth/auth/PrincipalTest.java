package dev.hearth.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrincipalTest {

    @ParameterizedTest(name = "allowed [{0}], asks for {1} -> {2}")
    @CsvSource({
        "'', gpt-4o, true",
        "'gpt-4o', gpt-4o, true",
        "'gpt-4o', openai/gpt-4o, true",
        "'gpt-4o', gpt-4o-mini, false",
        "'gpt-4o', gpt-4, false",
        "'openai/gpt-4o', gpt-4o, false",
        "'openai/gpt-4o', openai/gpt-4o, true",
        "'coder', coder, true",
        "'coder', qwen2.5-coder:32b, false",
        "'coder;llama3', ollama/llama3, true"})
    void aKeyMayUseExactlyItsModelsAndAliasesOrAllWhenNoneAreListed(String allowed, String model, boolean may) {
        List<String> models = allowed.isEmpty() ? List.of() : List.of(allowed.split(";"));
        Principal principal = new Principal(Principal.Kind.KEY, "key_1", "abcd1234", "k", null, Role.MEMBER, models);
        assertThat(principal.mayUse(model)).isEqualTo(may);
    }
}
