package dev.hearth.routing.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RouterBenchDataTest {
    private static final String HEADER = "row_index,prompt,eval_name,weak,strong,weak|total_cost\n";

    private static RouterBenchData.Loaded read(String csv) {
        return RouterBenchData.read(new StringReader(csv), "arc_challenge_train.csv", "weak", "strong");
    }

    @Test
    void readsPromptsGradesAndDatasetsAndDropsRowsWithAnEmptyGrade() {
        RouterBenchData.Loaded loaded = read(HEADER
                + "1,\"['Pick one:\\nA) x, or\\nB) \"\"y\"\"']\",arc,0.0,1.0,0.1\n"
                + "2,['plain'],arc,1.0,,0.1\n"
                + "3,\"Write a function, please\",,1.0,1.0,0.1\n");
        assertThat(loaded.dropped()).isEqualTo(1);
        assertThat(loaded.prompts()).containsExactly(
                new LabeledPrompt("arc", "Pick one:\nA) x, or\nB) \"y\"", 0.0, 1.0),
                new LabeledPrompt("arc_challenge", "Write a function, please", 1.0, 1.0));
        assertThat(loaded.prompts()).extracting(LabeledPrompt::strongNeeded).containsExactly(1, 0);
    }

    static Stream<Arguments> literals() {
        return Stream.of(
                Arguments.of("['a\\'b']", "a'b"),
                Arguments.of("[\"it's\"]", "it's"),
                Arguments.of("['tab\\there']", "tab\there"),
                Arguments.of("['\\x41\\u00e9']", "A\u00e9"),
                Arguments.of("['back\\\\slash']", "back\\slash"),
                Arguments.of("['keep \\d as is']", "keep \\d as is"));
    }

    @ParameterizedTest(name = "{0} decodes to {1}")
    @MethodSource("literals")
    void pythonStringLiteralsAreDecoded(String cell, String prompt) {
        assertThat(RouterBenchData.promptText(cell)).isEqualTo(prompt);
    }

    @Test
    void aListOfSeveralStringsIsJoinedWithABlankLineAndAnythingElseIsKept() {
        assertThat(RouterBenchData.promptText("['one', 'two']")).isEqualTo("one\n\ntwo");
        assertThat(RouterBenchData.promptText("[not a list of strings]")).isEqualTo("[not a list of strings]");
        assertThat(RouterBenchData.promptText("['unclosed]")).isEqualTo("['unclosed]");
    }

    @Test
    void aMissingColumnIsNamed() {
        assertThatThrownBy(() -> RouterBenchData.read(new StringReader(HEADER), "f.csv", "weak", "gpt-5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("f.csv: no column named \"gpt-5\"");
    }

    @Test
    void aGradeOutsideZeroToOneNamesFileLineAndColumn() {
        assertThatThrownBy(() -> read(HEADER + "1,p,arc,yes,1.0,0\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("arc_challenge_train.csv:2: column \"weak\" holds \"yes\", expected a grade in [0, 1]");
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsRejected() {
        assertThatThrownBy(() -> read(HEADER + "1,p,arc\n")).hasMessageContaining(":2: 3 fields");
    }

    @Test
    void filesAreListedBySuffixInNameOrder(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        for (String name : List.of("b_train.csv", "a_train.csv", "a_test.csv", "notes.txt")) {
            java.nio.file.Files.writeString(dir.resolve(name), HEADER);
        }
        assertThat(RouterBenchData.files(dir, "_train.csv")).extracting(p -> p.getFileName().toString())
                .containsExactly("a_train.csv", "b_train.csv");
    }
}
