package dev.hearth.ingress.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.auth.PresentedKey;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which key a client presented, from Anthropic's and OpenAI's headers, and which headers cannot carry one. */
class CredentialsTest {

    @ParameterizedTest(name = "x-api-key [{0}], Authorization [{1}] -> {2}")
    @CsvSource(nullValues = "none", value = {
        "none, none, absent",
        "hrth_a, none, key hrth_a",
        "none, Bearer hrth_b, key hrth_b",
        "none, bearer   hrth_c  , key hrth_c",
        "hrth_d, Bearer hrth_d, key hrth_d",
        "hrth_d, Bearer hrth_e, malformed different keys",
        "'  ', none, malformed x-api-key header is empty",
        "none, Basic dXNlcjpwYXNz, malformed must be 'Bearer <key>'",
        "none, Bearer, malformed must be 'Bearer <key>'",
        "none, 'Bearer   ', malformed must be 'Bearer <key>'"})
    void aKeyIsReadFromEitherHeaderAndAnythingAmbiguousIsMalformed(String apiKey, String authorization,
            String expected) {
        PresentedKey presented = Credentials.from(apiKey == null ? List.of() : List.of(apiKey),
                authorization == null ? List.of() : List.of(authorization));
        switch (presented) {
            case PresentedKey.Absent absent -> assertThat(expected).isEqualTo("absent");
            case PresentedKey.Key key -> assertThat("key " + key.secret().reveal()).isEqualTo(expected);
            case PresentedKey.Malformed malformed -> assertThat(expected).startsWith("malformed")
                    .satisfies(e -> assertThat(malformed.reason()).contains(e.substring("malformed ".length())));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"x-api-key", "Authorization"})
    void aHeaderSentTwiceIsMalformed(String header) {
        List<String> twice = List.of("Bearer hrth_a", "Bearer hrth_b");
        PresentedKey presented = header.equals("x-api-key") ? Credentials.from(twice, List.of())
                : Credentials.from(List.of(), twice);
        assertThat(presented).isInstanceOfSatisfying(PresentedKey.Malformed.class,
                m -> assertThat(m.reason()).contains("more than one " + header));
    }
}
