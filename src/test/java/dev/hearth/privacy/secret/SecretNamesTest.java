package dev.hearth.privacy.secret;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretNamesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"password", "DB_PASSWORD", "apiKey", "api_key", "client-secret", "GITHUB_TOKEN",
        "accessToken", "secretKey", "spring.datasource.password", "SMTP_PASS", "privateKey", "x-api-key"})
    void aNameEndingInASecretWordNamesASecret(String name) {
        assertThat(SecretNames.namesSecret(name)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"password_field", "tokenizer", "max_tokens", "primary_key", "token_type", "passwordHint",
        "sort_key", "secretariat", "keyword", "passport", "token_count", "password_min_length", "foreign_key"})
    void aNameThatOnlyMentionsASecretWordDoesNot(String name) {
        assertThat(SecretNames.namesSecret(name)).isFalse();
    }
}
