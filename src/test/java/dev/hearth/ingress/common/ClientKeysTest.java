package dev.hearth.ingress.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which key a client presented, from Anthropic's and OpenAI's headers. */
class ClientKeysTest {

    @ParameterizedTest(name = "x-api-key [{0}], Authorization [{1}] -> [{2}]")
    @CsvSource(nullValues = "none", value = {
        "sk-ant-1, none, sk-ant-1",
        "none, Bearer sk-2, sk-2",
        "none, bearer  sk-3 , sk-3",
        "sk-ant-1, Bearer sk-2, sk-ant-1",
        "'  ', Bearer sk-2, sk-2",
        "none, Basic dXNlcjpwYXNz, none",
        "none, Bearer, none",
        "none, 'Bearer   ', none",
        "none, none, none"})
    void theAnthropicHeaderWinsThenABearerTokenAndNothingElseCounts(String apiKey, String authorization,
            String expected) {
        assertThat(ClientKeys.presented(apiKey, authorization)).isEqualTo(Optional.ofNullable(expected));
    }
}
