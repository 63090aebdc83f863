package dev.hearth.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class KeyHasherTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();
    private final KeyHasher hasher = new KeyHasher(SECRET);
    private final String key = KeyFormat.generate(new SecureRandom());

    @Test
    void theHashIsAStableHexHmacThatDependsOnTheServerSecret() {
        assertThat(hasher.hash(key)).hasSize(64).matches("[0-9a-f]+").isEqualTo(hasher.hash(key));
        byte[] other = SECRET.clone();
        other[0] ^= 1;
        assertThat(new KeyHasher(other).hash(key)).isNotEqualTo(hasher.hash(key));
    }

    @Test
    void theHashIsPlainHmacSha256OfTheWholeKey() {
        // Expected value computed outside Java (Python's hmac module) for a 32-byte secret.
        assertThat(new KeyHasher("JefeJefeJefeJefeJefeJefeJefeJefe".getBytes()).hash("what do ya want for nothing?"))
                .isEqualTo("167f928588c5cc2eef8e3093caa0e87c9ff566a14794aa61648d81621a2a40c6");
    }

    @Test
    void onlyTheExactKeyMatchesItsHash() {
        String stored = hasher.hash(key);
        String lastCharChanged = key.substring(0, key.length() - 1) + (key.endsWith("a") ? "b" : "a");
        assertThat(hasher.matches(key, stored)).isTrue();
        assertThat(hasher.matches(lastCharChanged, stored)).isFalse();
        assertThat(hasher.matches(key + "x", stored)).isFalse();
        assertThat(hasher.matches(key, stored.substring(2))).as("a stored hash of another length").isFalse();
        assertThat(hasher.matches(key, "zz" + stored.substring(2))).as("corrupt hex").isFalse();
    }

    @Test
    void aServerSecretShorterThan32BytesIsRefused() {
        assertThatThrownBy(() -> new KeyHasher(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
