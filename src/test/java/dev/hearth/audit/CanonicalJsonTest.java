package dev.hearth.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void keysAreSortedAtEveryLevelWithoutWhitespaceAndNullsAreLeftOut() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", true);
        Map<String, Object> outer = new HashMap<>();
        outer.put("b", List.of("x", 2L));
        outer.put("a", inner);
        outer.put("gone", null);
        outer.put("B", "upper case sorts first");
        assertThat(CanonicalJson.write(outer))
                .isEqualTo("{\"B\":\"upper case sorts first\",\"a\":{\"a\":true,\"z\":1},\"b\":[\"x\",2]}");
    }

    @Test
    void stringsUseTheMinimalEscapesAndKeepOtherCharactersAsThemselves() {
        assertThat(CanonicalJson.write(Map.of("s", "q\" b\\ \n\t\r\b\f \u0001 é ✓ \u2028")))
                .isEqualTo("{\"s\":\"q\\\" b\\\\ \\n\\t\\r\\b\\f \\u0001 é ✓ \u2028\"}");
    }

    @Test
    void theSameMapWrittenTwiceInAnyInsertionOrderGivesTheSameText() {
        Map<String, Object> one = new LinkedHashMap<>();
        Map<String, Object> two = new LinkedHashMap<>();
        for (String key : List.of("request_id", "status", "model", "attempts")) {
            one.put(key, key.length());
        }
        for (String key : List.of("attempts", "model", "status", "request_id")) {
            two.put(key, key.length());
        }
        assertThat(CanonicalJson.write(one)).isEqualTo(CanonicalJson.write(two));
    }

    @Test
    void floatingPointNumbersAreRefusedSoNoRecordDependsOnNumberFormatting() {
        assertThatThrownBy(() -> CanonicalJson.write(Map.of("cost", 0.1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(CanonicalJson.write(Map.of("list", Arrays.asList("a", null)))).isEqualTo("{\"list\":[\"a\",null]}");
    }
}
