package dev.hearth.privacy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The restorer against every way a stream can be cut: the output of all chunks plus the flush must equal restoring
 * the whole text at once, wherever the cuts fall (inside a placeholder, between its brackets, next to a lone '<').
 */
class RestorerTest {
    private Placeholders placeholders;
    private String email;
    private String secret;

    @BeforeEach
    void map() {
        placeholders = new Placeholders(Set.of());
        email = placeholders.placeholder("EMAIL_ADDRESS", "jane.doe@example.com");
        secret = placeholders.placeholder("GENERIC_SECRET", "pa\"ss\\w<rd>");
        placeholders.placeholder("PERSON", "Amal Haddad");
    }

    private static List<String> cut(String text, int... at) {
        List<String> chunks = new ArrayList<>();
        int from = 0;
        for (int cut : at) {
            chunks.add(text.substring(from, cut));
            from = cut;
        }
        chunks.add(text.substring(from));
        return chunks;
    }

    private String streamed(boolean json, List<String> chunks) {
        Restorer restorer = new Restorer(placeholders, json);
        StringBuilder out = new StringBuilder();
        for (String chunk : chunks) {
            out.append(restorer.push(chunk));
        }
        return out.append(restorer.flush()).toString();
    }

    @Test
    void aPlaceholderSplitAtEveryPairOfBoundariesIsRestoredExactlyOnce() {
        String text = "<x Write to " + email + " <<< and <<PERSON_1>>, not <<PERSON_9>> << " + email + "<";
        String expected = "<x Write to jane.doe@example.com <<< and Amal Haddad, not <<PERSON_9>> << "
                + "jane.doe@example.com<";
        assertThat(Restorer.restoreAll(placeholders, false, text)).isEqualTo(expected);
        for (int i = 0; i <= text.length(); i++) {
            for (int j = i; j <= text.length(); j++) {
                assertThat(streamed(false, cut(text, i, j))).as("cut at %d and %d", i, j).isEqualTo(expected);
            }
        }
    }

    @Test
    void oneCharacterPerChunkRestoresTheSameAsTheWholeText() {
        String text = email + email + "<" + "<<PERSON_1>><<PERSON_1>" + ">";
        List<String> chars = text.chars().mapToObj(c -> String.valueOf((char) c)).toList();
        assertThat(streamed(false, chars)).isEqualTo(Restorer.restoreAll(placeholders, false, text))
                .isEqualTo("jane.doe@example.comjane.doe@example.com<Amal HaddadAmal Haddad");
    }

    @Test
    void inJsonModeTheOriginalIsEscapedAsStringContentAtEveryCut() {
        String arguments = "{\"to\":\"" + email + "\",\"key\":\"" + secret + "\"}";
        String expected = "{\"to\":\"jane.doe@example.com\",\"key\":\"pa\\\"ss\\\\w<rd>\"}";
        for (int i = 0; i <= arguments.length(); i++) {
            assertThat(streamed(true, cut(arguments, i))).as("cut at %d", i).isEqualTo(expected);
        }
    }

    @Test
    void textWithoutAngleBracketsPassesThroughUntouchedAndUnbuffered() {
        Restorer restorer = new Restorer(placeholders, false);
        String chunk = "plain text, nothing to restore";
        assertThat(restorer.push(chunk)).isSameAs(chunk);
        assertThat(restorer.holding()).isFalse();
    }

    @Test
    void whatIsHeldBackIsAtMostOnePlaceholderLongAndFlushedAsItIs() {
        Restorer restorer = new Restorer(placeholders, false);
        assertThat(restorer.push("answer: <<EMAIL_ADD")).isEqualTo("answer: ");
        assertThat(restorer.holding()).isTrue();
        assertThat(restorer.flush()).isEqualTo("<<EMAIL_ADD");
        assertThat(restorer.push("<<EMAIL_ADDRESS_1> and more")).isEqualTo("<<EMAIL_ADDRESS_1> and more");
    }

    @Test
    void placeholdersOfAnotherRequestAreNotRestored() {
        Placeholders other = new Placeholders(Set.of());
        other.placeholder("EMAIL_ADDRESS", "someone.else@example.org");
        assertThat(Restorer.restoreAll(other, false, "to <<PERSON_1>>")).isEqualTo("to <<PERSON_1>>");
        assertThat(Restorer.restoreAll(placeholders, false, "to <<PERSON_1>>")).isEqualTo("to Amal Haddad");
    }
}
