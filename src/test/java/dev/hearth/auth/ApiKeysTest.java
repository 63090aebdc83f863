package dev.hearth.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.audit.AuditEvent;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final MemoryKeyStore store = new MemoryKeyStore();
    private final KeyHasher hasher = new KeyHasher(new byte[32]);
    private final AtomicInteger changes = new AtomicInteger();
    private final ApiKeys keys = new ApiKeys(store, hasher, new SecureRandom(), Clock.fixed(NOW, ZoneOffset.UTC),
            changes::incrementAndGet);
    private final Principal operator = Principal.operator("ann");

    @Test
    void aCreatedKeyIsStoredOnlyAsItsHashAndItsCreationIsAudited() {
        IssuedKey issued = keys.create(new KeySpec("ci", "ann", "red", Role.MEMBER, List.of("coder"), null),
                operator, null);
        String secret = issued.secret().reveal();
        ApiKey stored = store.keys.getFirst();
        assertThat(stored.hash()).isEqualTo(hasher.hash(secret)).doesNotContain(secret);
        assertThat(stored.prefix()).isEqualTo(secret.substring(5, 13));
        assertThat(stored.toString()).doesNotContain(stored.hash());
        AuditEvent event = store.events.getFirst();
        assertThat(event.kind()).isEqualTo("admin");
        assertThat(event.body()).containsEntry("action", "key.create").containsEntry("via", "cli")
                .containsEntry("actor", "cli:ann");
        assertThat(event.bodyJson()).contains(stored.id()).doesNotContain(secret).doesNotContain(stored.hash());
        assertThat(changes).hasValue(1);
    }

    @Test
    void keysAreFoundByIdOrByPrefixWrittenAnyWayItIsShown() {
        ApiKey key = keys.create(KeySpec.of("ci", Role.MEMBER), operator, null).key();
        for (String name : List.of(key.id(), key.prefix(), "hrth_" + key.prefix(), key.displayPrefix())) {
            assertThat(keys.find(name)).as(name).contains(key);
        }
        assertThat(keys.find("")).isEmpty();
    }

    @Test
    void revokingTwiceOrAnUnknownKeyIsRefusedWithAReason() {
        ApiKey key = keys.create(KeySpec.of("ci", Role.MEMBER), operator, null).key();
        assertThat(keys.revoke(key.id(), operator, null).revoked()).isEqualTo(NOW);
        assertThatThrownBy(() -> keys.revoke(key.id(), operator, null)).hasMessageContaining("already revoked");
        assertThatThrownBy(() -> keys.revoke("key_nope", operator, null)).hasMessageContaining("No API key");
    }

    @Test
    void rotationIssuesANewKeyWithTheSameAttributesAndRevokesTheOld() {
        IssuedKey old = keys.create(new KeySpec("ci", "ann", "red", Role.AUDITOR, List.of("a"), null), operator, null);
        IssuedKey fresh = keys.rotate(old.key().prefix(), operator, null);
        assertThat(fresh.secret().reveal()).isNotEqualTo(old.secret().reveal());
        assertThat(fresh.key()).extracting(ApiKey::name, ApiKey::team, ApiKey::role, ApiKey::models)
                .containsExactly("ci", "red", Role.AUDITOR, List.of("a"));
        assertThat(keys.find(old.key().id()).orElseThrow().revoked()).isEqualTo(NOW);
        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) store.events.getLast().body().get("target");
        assertThat(target).containsEntry("replaces_key_id", old.key().id()).containsEntry("key_id", fresh.key().id());
    }

    @Test
    void badAttributesAreRefusedBeforeAnythingIsStored() {
        assertThatThrownBy(() -> keys.create(new KeySpec("x", null, null, Role.MEMBER, List.of(),
                NOW.minusSeconds(1)), operator, null)).hasMessageContaining("future");
        assertThatThrownBy(() -> keys.create(new KeySpec("line\nbreak", null, null, Role.MEMBER, List.of(), null),
                operator, null)).hasMessageContaining("control characters");
        assertThat(store.keys).isEmpty();
    }
}
