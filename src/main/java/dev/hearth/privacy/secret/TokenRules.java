package dev.hearth.privacy.secret;

import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.text.Entropy;
import java.util.List;

/**
 * Hearth's own table of vendor credential formats (prefixes and lengths as the vendors document them). Each pattern
 * is a literal prefix plus bounded character classes: no alternation under a repetition, so matching is linear.
 */
final class TokenRules {
    private TokenRules() {}

    static List<TokenRule> all() {
        return List.of(
                TokenRule.of(SpanTypes.AWS_ACCESS_KEY_ID, "(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}", 20,
                        "AKIA", "ASIA", "ABIA", "ACCA").withCheck(v -> !v.endsWith("EXAMPLE") && random(v, 4, 2.8)),
                TokenRule.of(SpanTypes.GCP_API_KEY, "AIza[0-9A-Za-z_-]{35}", 39, "AIza")
                        .withCheck(v -> random(v, 4, 3.5)),
                TokenRule.of(SpanTypes.GITHUB_TOKEN, "gh[pousr]_[A-Za-z0-9]{36}", 40,
                        "ghp_", "gho_", "ghu_", "ghs_", "ghr_").withCheck(v -> random(v, 4, 3.5)),
                TokenRule.of(SpanTypes.GITHUB_TOKEN, "github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}", 93, "github_pat_")
                        .withCheck(v -> random(v, 11, 3.5)),
                TokenRule.of(SpanTypes.GITLAB_TOKEN, "gl(?:pat|dt|rt|cbt|ptt|ft|oas)-[A-Za-z0-9_.-]{20,80}", 87,
                        "glpat-", "gldt-", "glrt-", "glcbt-", "glptt-", "glft-", "gloas-")
                        .withCheck(v -> random(v, v.indexOf('-') + 1, 3.5)),
                TokenRule.of(SpanTypes.SLACK_TOKEN, "xox[abposre]-[0-9]{6,15}-[0-9A-Za-z-]{8,250}", 272,
                        "xoxb-", "xoxp-", "xoxa-", "xoxo-", "xoxs-", "xoxr-", "xoxe-").withCheck(v -> random(v, 5, 3.0)),
                TokenRule.of(SpanTypes.SLACK_TOKEN, "xapp-[0-9]-[A-Z0-9]{6,15}-[0-9]{6,15}-[a-f0-9]{32,80}", 120,
                        "xapp-"),
                TokenRule.of(SpanTypes.SLACK_WEBHOOK_URL,
                        "https://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9]{8,12}/[A-Za-z0-9]{8,12}"
                                + "/[A-Za-z0-9]{16,40}", 140, "https://hooks.slack.com/")
                        .withCheck(v -> random(v, v.lastIndexOf('/') + 1, 3.0)),
                TokenRule.of(SpanTypes.STRIPE_SECRET_KEY, "[sr]k_(?:live|test)_[0-9A-Za-z]{20,247}", 255,
                        "sk_live_", "sk_test_", "rk_live_", "rk_test_").withCheck(v -> random(v, 8, 3.5)),
                TokenRule.of(SpanTypes.ANTHROPIC_API_KEY, "sk-ant-[a-z]{3,6}[0-9]{2}-[A-Za-z0-9_-]{32,150}", 170,
                        "sk-ant-").withCheck(v -> random(v, 14, 3.5)),
                TokenRule.of(SpanTypes.OPENAI_API_KEY, "sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,250}", 270,
                        "sk-").withCheck(TokenRules::openAiShape),
                TokenRule.of(SpanTypes.GOOGLE_OAUTH_CREDENTIAL, "GOCSPX-[A-Za-z0-9_-]{28}", 35, "GOCSPX-")
                        .withCheck(v -> random(v, 7, 3.5)),
                TokenRule.of(SpanTypes.GOOGLE_OAUTH_CREDENTIAL, "ya29\\.[0-9A-Za-z_-]{30,500}", 505, "ya29.")
                        .withCheck(v -> random(v, 5, 3.5)),
                TokenRule.of(SpanTypes.TWILIO_API_KEY, "SK[0-9a-f]{32}", 34, "SK").withCheck(v -> random(v, 2, 3.0)),
                TokenRule.of(SpanTypes.SENDGRID_API_KEY, "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}", 69, "SG.")
                        .withCheck(v -> random(v, 3, 3.5)),
                TokenRule.of(SpanTypes.NPM_TOKEN, "npm_[A-Za-z0-9]{36}", 40, "npm_").withCheck(v -> random(v, 4, 3.5)));
    }

    /** OpenAI keys: legacy {@code sk-} + 48 alphanumerics, or project/service keys, which embed "T3BlbkFJ". */
    private static boolean openAiShape(String v) {
        if (v.startsWith("sk-ant-")) {
            return false;
        }
        boolean scoped = v.startsWith("sk-proj-") || v.startsWith("sk-svcacct-") || v.startsWith("sk-admin-");
        boolean legacy = v.length() == 51 && v.substring(3).chars().allMatch(Character::isLetterOrDigit);
        boolean marked = v.contains("T3BlbkFJ");
        return (legacy || marked || (scoped && v.length() >= 40)) && random(v, v.indexOf('-') + 1, 3.5);
    }

    /** The part after the prefix looks random (not {@code xxxx}, not a word) and is no placeholder. */
    private static boolean random(String value, int bodyStart, double minBits) {
        String body = value.substring(Math.min(bodyStart, value.length()));
        return !dev.hearth.privacy.text.Placeholders.isPlaceholder(body) && Entropy.shannon(body) >= minBits;
    }
}
