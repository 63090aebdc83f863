package dev.hearth.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigUnitsTest {

    @ParameterizedTest(name = "{0} is {1} ms")
    @CsvSource({"500ms, 500", "30s, 30000", "2m, 120000", "1h, 3600000", "0s, 0"})
    void durationsAreAnIntegerAndAUnit(String text, long millis) {
        assertThat(Units.duration(text)).contains(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "\"{0}\" is not a duration")
    @ValueSource(strings = {"", "30", "1.5s", "30 s", "30S", "-1s", "1d", "s", "999999999999999999h"})
    void anythingElseIsNotADuration(String text) {
        assertThat(Units.duration(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0} is {1} bytes")
    @CsvSource({"0, 0", "1024, 1024", "1KB, 1024", "32MB, 33554432", "2GB, 2147483648"})
    void sizesAreBytesOrBinaryMultiples(String text, long bytes) {
        assertThat(Units.size(text)).contains(bytes);
    }

    @ParameterizedTest(name = "\"{0}\" is not a size")
    @ValueSource(strings = {"", "1kb", "1.5MB", "1TB", "MB", "1 KB", "-1", "999999999999999999GB"})
    void anythingElseIsNotASize(String text) {
        assertThat(Units.size(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({"100, 100ms", "5000, 5s", "120000, 2m", "7200000, 2h", "0, 0s"})
    void aDurationIsWrittenBackInTheLargestExactUnit(long millis, String text) {
        assertThat(Units.format(Duration.ofMillis(millis))).isEqualTo(text);
    }

    private static final List<String> KEYS = List.of("host", "port", "max-body-size", "max-retries", "backends");

    @ParameterizedTest(name = "{0} suggests {1}")
    @CsvSource({"prot, port", "hst, host", "max_retries, max-retries", "maxBodySize, max-body-size", "backend, backends"})
    void aNearKeyIsSuggested(String unknown, String suggested) {
        assertThat(KeySuggestion.closest(unknown, KEYS)).contains(suggested);
    }

    @ParameterizedTest(name = "{0} suggests nothing")
    @ValueSource(strings = {"colour", "x", "timeouts-and-more"})
    void aFarKeyIsNotSuggested(String unknown) {
        assertThat(KeySuggestion.closest(unknown, KEYS)).isEmpty();
    }
}
