package dev.hearth.privacy.devset;

import java.util.List;

/** Generated credentials in each vendor's documented shape, random bodies (none of them real). */
final class Secrets {
    private Secrets() {}

    static String value(String type, Values v) {
        return switch (type) {
            case "AWS_ACCESS_KEY_ID" -> v.pick(List.of("AKIA", "ASIA")) + v.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
            case "AWS_SECRET_ACCESS_KEY" -> v.base64(40);
            case "GCP_API_KEY" -> "AIza" + v.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 35);
            case "GITHUB_TOKEN" -> v.chance(0.7) ? v.pick(List.of("ghp_", "gho_", "ghs_")) + v.alnum(36)
                    : "github_pat_" + v.alnum(22) + "_" + v.alnum(59);
            case "GITLAB_TOKEN" -> "glpat-" + v.alnum(20);
            case "SLACK_TOKEN" -> v.pick(List.of("xoxb-", "xoxp-")) + v.digits(11) + "-" + v.digits(13) + "-" + v.alnum(24);
            case "SLACK_WEBHOOK_URL" -> "https://hooks.slack.com/services/T" + v.upperDigits(8) + "/B" + v.upperDigits(10)
                    + "/" + v.alnum(24);
            case "STRIPE_SECRET_KEY" -> v.pick(List.of("sk_live_", "sk_test_", "rk_live_")) + v.alnum(v.between(24, 99));
            case "OPENAI_API_KEY" -> v.chance(0.6) ? "sk-proj-" + v.alnum(20) + "T3BlbkFJ" + v.alnum(20) : "sk-" + v.alnum(48);
            case "ANTHROPIC_API_KEY" -> "sk-ant-api03-" + v.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 93) + "AA";
            case "GOOGLE_OAUTH_CREDENTIAL" -> v.chance(0.5) ? "GOCSPX-" + v.alnum(28) : "ya29.a0" + v.alnum(60);
            case "TWILIO_API_KEY" -> "SK" + v.hex(32);
            case "SENDGRID_API_KEY" -> "SG." + v.alnum(22) + "." + v.alnum(43);
            case "NPM_TOKEN" -> "npm_" + v.alnum(36);
            case "JWT" -> jwt(v);
            case "PRIVATE_KEY" -> privateKey(v);
            case "CONNECTION_STRING" -> connection(v);
            case "URL_WITH_CREDENTIALS" -> v.pick(List.of("https://", "ftp://")) + v.pick(List.of("deploy", "ci", "anna"))
                    + ":" + v.alnum(12) + "@" + v.pick(List.of("git.example.com/team/app.git", "files.example.org/in",
                    "registry.example.net/v2/"));
            case "GENERIC_SECRET" -> v.alnum(v.between(8, 14)) + v.pick(List.of("!", "#", "%", "")) + v.digits(2);
            default -> throw new IllegalArgumentException("no generator for slot " + type);
        };
    }

    private static String jwt(Values v) {
        String header = v.base64Url("{\"alg\":\"" + v.pick(List.of("HS256", "RS256", "ES256")) + "\",\"typ\":\"JWT\"}");
        String payload = v.base64Url("{\"sub\":\"" + v.digits(10) + "\",\"name\":\"user" + v.digits(3)
                + "\",\"iat\":" + v.between(1_600_000_000, 1_800_000_000) + "}");
        return header + "." + payload + "." + v.chars(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 43);
    }

    private static String privateKey(Values v) {
        String label = v.pick(List.of("RSA PRIVATE KEY", "PRIVATE KEY", "OPENSSH PRIVATE KEY", "EC PRIVATE KEY"));
        StringBuilder out = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
        int lines = v.between(3, 8);
        for (int i = 0; i < lines; i++) {
            out.append(v.base64(i == lines - 1 ? v.between(8, 60) : 64)).append('\n');
        }
        return out.append("-----END ").append(label).append("-----").toString();
    }

    private static String connection(Values v) {
        String password = v.alnum(v.between(10, 18));
        return switch (v.between(0, 4)) {
            case 0 -> "postgres://app:" + password + "@db.internal:5432/orders";
            case 1 -> "mongodb+srv://svc:" + password + "@cluster0.ab1cd.mongodb.net/prod";
            case 2 -> "redis://:" + password + "@cache.internal:6379/0";
            case 3 -> "mysql://root:" + password + "@10.0.0.5/app";
            default -> "jdbc:sqlserver://db01:1433;databaseName=hr;user=sa;password=" + password;
        };
    }
}
