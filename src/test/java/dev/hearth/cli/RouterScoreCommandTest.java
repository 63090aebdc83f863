package dev.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON Lines input of {@code hearth router score}; scoring itself is covered in dev.hearth.routing.quality. */
class RouterScoreCommandTest {

    private static BufferedReader lines(String text) {
        return new BufferedReader(new StringReader(text));
    }

    @Test
    void idsOfAnyJsonTypeAreKeptAndBlankLinesSkipped() throws Exception {
        var items = RouterScoreCommand.parse(lines("{\"id\": 7, \"prompt\": \"a\"}\n\n"
                + "{\"id\": {\"k\": [1]}, \"prompt\": \"b\", \"extra\": true}\n"));
        assertThat(items).hasSize(2);
        assertThat(items.get(0).id().intValue()).isEqualTo(7);
        assertThat(items.get(1).id().toString()).isEqualTo("{\"k\":[1]}");
        assertThat(items.get(1).prompt()).isEqualTo("b");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"id\": 1}                    | 2: \"prompt\" must be a string",
        "{\"id\": 1, \"prompt\": null}  | 2: \"prompt\" must be a string",
        "{\"prompt\": \"x\"}            | 2: missing \"id\"",
        "[1, 2]                         | 2: expected a JSON object",
        "{\"id\": 1, \"prompt\": \"x\"  | 2: not JSON",
    })
    void aMalformedLineIsReportedWithItsNumber(String line, String message) {
        assertThatThrownBy(() -> RouterScoreCommand.parse(lines("{\"id\": 0, \"prompt\": \"ok\"}\n" + line + "\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }
}
