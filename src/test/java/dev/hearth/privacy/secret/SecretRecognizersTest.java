package dev.hearth.privacy.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.privacy.Detector;
import dev.hearth.privacy.Detectors;
import dev.hearth.privacy.Found;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every secret type through the standard detector, so overlaps with generic rules are part of what is tested. */
class SecretRecognizersTest {
    private static final Detector DETECTOR = Detectors.standard();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            AWS_ACCESS_KEY_ID       | export AWS_ACCESS_KEY_ID=AKIAZ3MSJQ7TYB4KXWPL                          | AKIAZ3MSJQ7TYB4KXWPL
            AWS_SECRET_ACCESS_KEY   | aws_secret_access_key = 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       | Zx9kQ2mP7vR4tY8uW1eA3sD6fG0hJ5kL9zX2cV7b
            AWS_SECRET_ACCESS_KEY   | "SecretAccessKey": "k7Jp/2vQx+Lm9Rz4Wn8Bt1Yc6Hd3Fs0Ga5Ue7Io2"      | k7Jp/2vQx+Lm9Rz4Wn8Bt1Yc6Hd3Fs0Ga5Ue7Io2
            GCP_API_KEY             | key=AIzaSyD4x9Lm2Qv7Bn1Rz8Ty3Wc6Kp0Hd5Ja2Ge                          | AIzaSyD4x9Lm2Qv7Bn1Rz8Ty3Wc6Kp0Hd5Ja2Ge
            GITHUB_TOKEN            | token ghp_4fK9sLm2Qx7Vb1Nz8Ry3Tc6Wp0Hd5Ja2Ge9U used                  | ghp_4fK9sLm2Qx7Vb1Nz8Ry3Tc6Wp0Hd5Ja2Ge9U
            GITHUB_TOKEN            | 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 | 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
            GITLAB_TOKEN            | PRIVATE-TOKEN: glpat-x7Kq2Lm9Vb4Nz1Rt8Yw3                             | glpat-x7Kq2Lm9Vb4Nz1Rt8Yw3
            SLACK_TOKEN             | SLACK_BOT=xoxb-2048571938-5129384756102-Kz8mQ2vX7bN4tR1yL6wP9sDa      | xoxb-2048571938-5129384756102-Kz8mQ2vX7bN4tR1yL6wP9sDa
            SLACK_WEBHOOK_URL       | post to https://hooks.slack.com/services/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 now | https://hooks.slack.com/services/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
            STRIPE_SECRET_KEY       | Stripe.apiKey = "sk_live_51Hx9Lm2Qv7Bn1Rz8Ty3Wc6Kp";                 | sk_live_51Hx9Lm2Qv7Bn1Rz8Ty3Wc6Kp
            OPENAI_API_KEY          | OPENAI_API_KEY=sk-proj-Xq9Lm2Vb7Nz4Rt1Yw8Hd3Jk6Ps0Gc5Fa2Ue9Io4Lm7Qb1Nz | sk-proj-Xq9Lm2Vb7Nz4Rt1Yw8Hd3Jk6Ps0Gc5Fa2Ue9Io4Lm7Qb1Nz
            OPENAI_API_KEY          | key: sk-Ab3De5Gh7Jk9Mn1Pq3St5Vx7Za9Cd1Fg3Hk5Lm7Np9Rs1Tu3            | sk-Ab3De5Gh7Jk9Mn1Pq3St5Vx7Za9Cd1Fg3Hk5Lm7Np9Rs1Tu3
            ANTHROPIC_API_KEY       | x-api-key: sk-ant-api03-Zq8Lm2Vb7Nz4Rt1Yw8Hd3Jk6Ps0Gc5Fa2Ue9Io4Lm7Qb1Nz8Xc3Vb6Nm9Kl2Jh5Gf8Ds1Az4Sx7Dc0Fv3Gb6Hn9Jm2Ka5QAA | sk-ant-api03-Zq8Lm2Vb7Nz4Rt1Yw8Hd3Jk6Ps0Gc5Fa2Ue9Io4Lm7Qb1Nz8Xc3Vb6Nm9Kl2Jh5Gf8Ds1Az4Sx7Dc0Fv3Gb6Hn9Jm2Ka5QAA
            GOOGLE_OAUTH_CREDENTIAL | "client_secret": "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"               | 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
            GOOGLE_OAUTH_CREDENTIAL | Authorization: Bearer ya29.a0AfB_byC8xLm2Qv7Bn1Rz8Ty3Wc6Kp0Hd5Ja2GeZ | ya29.a0AfB_byC8xLm2Qv7Bn1Rz8Ty3Wc6Kp0Hd5Ja2GeZ
            TWILIO_API_KEY          | TWILIO_KEY_SID=SK3f9a2c7e1b8d4f6a0c5e9b2d7f1a3c8e                   | SK3f9a2c7e1b8d4f6a0c5e9b2d7f1a3c8e
            SENDGRID_API_KEY        | 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 | 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
            NPM_TOKEN               | //registry.npmjs.org/:_authToken=npm_q8Lm2Vx7Kb4Nz1Rt9Yw3Hd6Jp0Gc5Fa2Ue9K | npm_q8Lm2Vx7Kb4Nz1Rt9Yw3Hd6Jp0Gc5Fa2Ue9K
            JWT                     | Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U | eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U
            GENERIC_SECRET          | db_password = "Tr0ub4dor&3xyz"                                      | Tr0ub4dor&3xyz
            GENERIC_SECRET          | "clientSecret": "f3K9x2LmQ7vB1nZ8"                                  | f3K9x2LmQ7vB1nZ8
            GENERIC_SECRET          | SMTP_PASS=Xk9pQz7mW2vL                                              | Xk9pQz7mW2vL
            GENERIC_SECRET          | spring.datasource.password: P@ssw0rd-2024!                           | P@ssw0rd-2024!
            GENERIC_SECRET          | apiKey := "4c7d9e1f2a3b5c6d"                                        | 4c7d9e1f2a3b5c6d
            GENERIC_SECRET          | password: HqLLBcMpsqSVo#24                                          | HqLLBcMpsqSVo#24
            """)
    void aSecretIsFoundWithItsType(String type, String text, String value) {
        assertThat(Found.by(DETECTOR, text)).containsExactly(type + "=" + value);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            placeholder key               | AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
            placeholder secret            | aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
            masked token                  | GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
            env indirection               | password: ${DB_PASSWORD}
            template                      | api_key = "<your-api-key>"
            CI expression                 | token: ${{ secrets.GITHUB_TOKEN }}
            changeme                      | password = "changeme"
            field name                    | password_field = "#password-input"
            reference                     | password = request.form.get("password")
            dotted path                   | token = settings.API_TOKEN
            comparison                    | if password == "Tr0ub4dor&3xyz":
            identifier                    | secret_key = secretKeyFromVault
            low entropy                   | password = "aaaaaaaaaaaa"
            prose                         | password: "use a strong one please"
            token type                    | token_type = "Bearer"
            max tokens                    | max_tokens = 4096
            uuid in code                  | request_id = "123e4567-e89b-12d3-a456-426614174000"
            git sha                       | commit 9fceb02d0ae598e95dc970b74767f19372d61af8 fixes it
            lockfile hash                 | "integrity": "sha512-Zx9kQ2mP7vR4tY8uW1eA3sD6fG0hJ5kL9zX2cV7bZx9kQ2mP7vR4tY8uW1eA3sD6fG0hJ5kL9zX2cV7b=="
            base64 image                  | <img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==">
            sha256 digest                 | image: app@sha256:3b4c7d9e1f2a3b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c
            short sk- value               | python -m pip install sk-learn
            docs private key              | -----BEGIN RSA PRIVATE KEY-----\\n...\\n-----END RSA PRIVATE KEY-----
            eyJ in prose                  | the string eyJ starts every JWT
            public key                    | -----BEGIN PUBLIC KEY-----\\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\\n-----END PUBLIC KEY-----
            """)
    void ordinaryCodeAndPlaceholdersAreNotSecrets(String why, String text) {
        assertThat(DETECTOR.detect(text)).extracting(Span::dataClass)
                .doesNotContain(dev.hearth.privacy.DataClass.SECRET);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            pem        | -----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\\nMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\\n-----END PRIVATE KEY-----
            openssh    | -----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\\n-----END OPENSSH PRIVATE KEY-----
            truncated  | -----BEGIN EC PRIVATE KEY-----\\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oZDUyZtYXJlc3RhdGVvZnRoZWFydA
            """)
    void aPrivateKeyBlockIsOneSpan(String why, String escaped) {
        String text = "key follows " + escaped.replace("\\n", "\n") + "\nthanks for looking";
        assertThat(DETECTOR.detect(text)).singleElement().satisfies(span -> {
            assertThat(span.type()).isEqualTo(SpanTypes.PRIVATE_KEY);
            assertThat(text.substring(span.start())).startsWith("-----BEGIN");
            assertThat(text.substring(0, span.end())).endsWith(why.equals("truncated") ? "XJlc3RhdGVvZnRoZWFydA" : "KEY-----");
        });
    }
}
