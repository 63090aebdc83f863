package dev.hearth.privacy.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shared word starts change what a dictionary finds in no case, only how many positions it visits. */
class WordStartsTest {
    private static final Phrases WORDS = Phrases.ignoringCase("date of birth", "dob", "mrn", "member id", "straße",
            "Ärztin", "npi", "a", "ab", "born", "born on", "x_y", "İstanbul");
    private static final Phrases CASED = Phrases.matchingCase(List.of("Paris", "New York", "CONFIDENTIAL", "Ö"));
    private static final String[] PIECES = {"date", "of", "birth", "DOB", "dob:", "mrn#", "member", "id", "STRASSE",
        "straße", "ärztin", "ÄRZTIN", "npi", "a", "ab", "abc", "born", "on", "x_y", "_x_y", "x_yz", "İstanbul",
        "istanbul", "Paris", "PARIS", "New", "York", "CONFIDENTIAL", "Ö", "ö", "42", "4a", "é", "\u0301"};
    private static final String[] GAPS = {" ", "  ", "\n", "\t ", "-", ".", ", ", "(", ")", "", "_", "\u00A0", "/"};

    /** Why skipping positions without a word char is safe: no fold turns a non-word char into a word char. */
    @Test
    void foldingNeverTurnsANonWordCharIntoAWordChar() {
        List<Integer> offenders = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (!Chars.isWordChar((char) c) && Chars.isWordChar(Character.toLowerCase((char) c))) {
                offenders.add(c);
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void dictionariesFindTheSameWithAndWithoutTheSharedWordStarts() {
        Random random = new Random(7);
        for (int round = 0; round < 3_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i >= 0; i--) {
                text.append(PIECES[random.nextInt(PIECES.length)]).append(GAPS[random.nextInt(GAPS.length)]);
            }
            String s = text.toString();
            int from = random.nextInt(s.length() + 1);
            int to = from + random.nextInt(s.length() - from + 1);
            for (Phrases phrases : List.of(WORDS, CASED)) {
                List<String> alone = matches(phrases, s, from, to);
                try (WordStarts words = WordStarts.open(s)) {
                    assertThat(WordStarts.of(s)).isSameAs(words);
                    assertThat(matches(phrases, s, from, to)).as(s).isEqualTo(alone);
                }
            }
        }
    }

    @Test
    void anIndexServesOnlyItsOwnTextAndEndsWithItsScope() {
        String text = "born on";
        String copy = new String(text.toCharArray());
        try (WordStarts outer = WordStarts.open(text)) {
            assertThat(WordStarts.of(copy)).isNull(); // equal text, other object: no sharing by accident
            try (WordStarts inner = WordStarts.open(copy)) {
                assertThat(WordStarts.of(copy)).isSameAs(inner);
            }
            assertThat(WordStarts.of(text)).isSameAs(outer);
        }
        assertThat(WordStarts.of(text)).isNull();
    }

    private static List<String> matches(Phrases phrases, String text, int from, int to) {
        List<String> out = new ArrayList<>();
        phrases.forEach(text, from, to, (start, end) -> out.add(start + "-" + end));
        return out;
    }
}
