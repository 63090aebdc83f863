package dev.hearth.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/privacy-types.md lists exactly the built-in types, with the class and specificity the code gives them. */
class TypesDocumentationTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z0-9_]+)` \\| ([A-Z]+) \\| ([A-Z]+) \\|", Pattern.MULTILINE);

    @Test
    void theTypeTableMatchesTheCatalogue() throws IOException {
        String doc = Files.readString(Path.of("docs/privacy-types.md"));
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher m = ROW.matcher(doc);
        while (m.find()) {
            documented.put(m.group(1), m.group(2) + " " + m.group(3));
        }
        Map<String, String> actual = new LinkedHashMap<>();
        for (String type : SpanTypes.builtIn()) {
            actual.put(type, SpanTypes.dataClass(type) + " " + SpanTypes.specificity(type));
        }
        assertThat(documented).isEqualTo(actual);
    }
}
