package dev.hearth.privacy.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextToolsTest {

    @Test
    void phrasesMatchWholeWordsLongestFirstAcrossWhitespaceRuns() {
        Phrases phrases = Phrases.ignoringCase("date of birth", "date", "birth");
        List<String> found = new ArrayList<>();
        String text = "Date of\n birth: x; update birthday; date";
        phrases.forEach(text, (s, e) -> found.add(text.substring(s, e)));
        assertThat(found).containsExactly("Date of\n birth", "date");
    }

    @Test
    void theSecondCharFilterKeepsSpacesOneCharPhrasesAndNonAsciiChars() {
        Phrases phrases = Phrases.ignoringCase("a b", "x", "téléphone", "h/o");
        List<String> found = new ArrayList<>();
        String text = "A\tb, x, TÉLÉPHONE, H/O, ab, xy, h-o";
        phrases.forEach(text, (s, e) -> found.add(text.substring(s, e)));
        assertThat(found).containsExactly("A\tb", "x", "TÉLÉPHONE", "H/O");
        assertThat(phrases.anyIn("x", 0, 1)).isTrue();
        assertThat(phrases.anyIn("a\u00A0b", 0, 3)).isTrue();
    }

    @Test
    void caseSensitivePhrasesRespectCase() {
        Phrases phrases = Phrases.matchingCase(List.of("Paris"));
        assertThat(phrases.anyIn("paris", 0, 5)).isFalse();
        assertThat(phrases.anyIn("in Paris.", 0, 9)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"4111111111111111", "79927398713", "0"})
    void luhnAcceptsValidNumbers(String digits) {
        assertThat(Checksums.luhn(digits)).isTrue();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"GB82WEST12345698765432, true", "GB82WEST12345698765433, false", "DE89370400440532013000, true"})
    void ibanMod97(String iban, boolean valid) {
        assertThat(Checksums.ibanMod97(iban)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"changeme", "${DB_PASSWORD}", "<your-key>", "xxxxxxxxxxxx", "****", "%(password)s",
        "{{ secrets.TOKEN }}", "REPLACE_ME_LATER", "your_api_key_here", "AKIAIOSFODNN7EXAMPLE"})
    void placeholdersAreRecognised(String value) {
        assertThat(Placeholders.isPlaceholder(value)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Tr0ub4dor&3xyz", "Zx9kQ2mP7vR4tY8uW1eA", "hunter22"})
    void realLookingValuesAreNotPlaceholders(String value) {
        assertThat(Placeholders.isPlaceholder(value)).isFalse();
    }

    @Test
    void entropyIsZeroForOneRepeatedCharAndHighForRandomText() {
        assertThat(Entropy.shannon("aaaaaaaa")).isZero();
        assertThat(Entropy.shannon("Zx9kQ2mP7vR4tY8uW1eA")).isGreaterThan(4.0);
    }
}
