package dev.hearth.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyFormatTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void aNewKeyIsTheSchemeAnd43Base62CharactersWithAnEightCharacterPrefix() {
        String key = KeyFormat.generate(random);
        assertThat(key).startsWith("hrth_").hasSize(48).matches("hrth_[0-9A-Za-z]{43}");
        assertThat(KeyFormat.wellFormed(key)).isTrue();
        assertThat(KeyFormat.prefixOf(key)).contains(key.substring(5, 13));
    }

    @Test
    void keysAndTheirPrefixesDoNotRepeat() {
        Set<String> keys = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String key = KeyFormat.generate(random);
            keys.add(key);
            prefixes.add(KeyFormat.prefixOf(key).orElseThrow());
        }
        assertThat(keys).hasSize(2_000);
        assertThat(prefixes).hasSize(2_000);
    }

    @Test
    void base62KeepsLeadingZerosAndFitsTheLargest256BitNumber() {
        assertThat(KeyFormat.base62(new byte[32], 43)).isEqualTo("0".repeat(43));
        byte[] max = new byte[32];
        java.util.Arrays.fill(max, (byte) 0xff);
        assertThat(KeyFormat.base62(max, 43)).hasSize(43).doesNotStartWith("0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hrth_", "sk-proj-abc", "hrth_tooShort",
        "hrth_01234567890123456789012345678901234567890123", // one character too many
        "hrth_01234567890123456789012345678901234567890-_", // right length, not base62
        "HRTH_0123456789012345678901234567890123456789012", // the scheme is case-sensitive
        " hrth_012345678901234567890123456789012345678901"})
    void anythingElseIsNotAKeyAndHasNoPrefix(String text) {
        assertThat(KeyFormat.wellFormed(text)).isFalse();
        assertThat(KeyFormat.prefixOf(text)).isEmpty();
    }

    @Test
    void idsAreRandomBase62WithTheirScheme() {
        assertThat(KeyFormat.randomId(random, "key_", 12)).matches("key_[0-9A-Za-z]{12}");
    }
}
