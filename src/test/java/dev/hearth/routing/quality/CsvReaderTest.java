package dev.hearth.routing.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvReaderTest {

    private static List<List<String>> read(String text) {
        return new CsvReader(new StringReader(text)).readAll().stream().map(CsvReader.Row::fields).toList();
    }

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() {
        String csv = "id,prompt,grade\n"
                + "1,\"Hello, world\",1.0\n"
                + "2,\"She said \"\"hi\"\"\nthen left,\r\nquickly\",0.0\n"
                + "3,plain,\n";
        assertThat(read(csv)).containsExactly(
                List.of("id", "prompt", "grade"),
                List.of("1", "Hello, world", "1.0"),
                List.of("2", "She said \"hi\"\nthen left,\r\nquickly", "0.0"),
                List.of("3", "plain", ""));
    }

    @Test
    void recordsEndWithCrlfOrLfAndTheLastNeedsNoLineBreak() {
        assertThat(read("a,b\r\nc,d\ne,f")).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e", "f"));
    }

    @Test
    void emptyQuotedFieldsAndBlankLinesBetweenRecords() {
        assertThat(read("\"\",x\n\n\"\"\"\",\n")).containsExactly(List.of("", "x"), List.of("\"", ""));
    }

    @Test
    void eachRowKnowsTheLineItStartsOn() {
        List<CsvReader.Row> rows = new CsvReader(new StringReader("h\n\"a\nb\nc\"\nnext\n")).readAll();
        assertThat(rows).extracting(CsvReader.Row::line).containsExactly(1, 2, 5);
    }

    @Test
    void anUnterminatedQuoteNamesTheLineWhereTheRecordStarts() {
        assertThatThrownBy(() -> read("a,b\nc,\"never\nclosed\n"))
                .isInstanceOf(CsvReader.CsvException.class).hasMessage("line 2: quoted field is never closed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"a\"b,c\n", "x,\"a\" ,c\n"})
    void textAfterAClosingQuoteIsRejected(String csv) {
        assertThatThrownBy(() -> read(csv)).isInstanceOf(CsvReader.CsvException.class)
                .hasMessageContaining("after a quoted field");
    }
}
