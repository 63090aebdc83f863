package dev.hearth.privacy.devset;

import java.util.List;

/** Unlabelled fillers: ordinary values from code and business text, many of them deliberate look-alikes. */
final class Fillers {
    private Fillers() {}

    static String value(String slot, Values v) {
        return switch (slot) {
            case "uuid" -> v.hex(8) + "-" + v.hex(4) + "-4" + v.hex(3) + "-a" + v.hex(3) + "-" + v.hex(12);
            case "sha" -> v.hex(40);
            case "sha256" -> v.hex(64);
            case "version" -> v.between(1, 20) + "." + v.between(0, 30) + "." + v.between(0, 99);
            case "version4" -> v.between(1, 9) + "." + v.between(0, 9) + "." + v.between(0, 9) + "." + v.between(0, 9);
            case "order" -> v.digits(10);
            case "badcard" -> badCard(v);
            case "price" -> "$" + v.between(1, 9999) + "." + v.digits(2);
            case "time" -> String.format("%02d:%02d:%02d", v.between(0, 23), v.between(0, 59), v.between(0, 59));
            case "date" -> String.format("%04d-%02d-%02d", v.between(2019, 2026), v.between(1, 12), v.between(1, 28));
            case "img" -> "data:image/png;base64,iVBORw0KGgo" + v.base64(120) + "==";
            case "integrity" -> "sha512-" + v.base64(86) + "==";
            case "port" -> String.valueOf(v.between(1024, 65000));
            case "count" -> String.valueOf(v.between(2, 99999));
            case "hexcolor" -> "#" + v.hex(6);
            case "ticket" -> v.pick(List.of("JIRA-", "OPS-", "INC")) + v.digits(5);
            case "word" -> v.pick(List.of("Phoenix", "Atlas", "Mercury", "Orion", "Jasper", "Paris", "Victoria"));
            case "var" -> v.pick(List.of("password_field", "token_count", "max_tokens", "secret_santa", "api_key_name",
                    "tokenizer", "primary_key"));
            case "placeholder" -> v.pick(List.of("${DB_PASSWORD}", "<your-api-key>", "changeme", "xxxxxxxxxxxx",
                    "{{ secrets.API_TOKEN }}", "********"));
            default -> throw new IllegalArgumentException("no filler " + slot);
        };
    }

    /** Sixteen digits starting like a Visa number whose Luhn check fails. */
    private static String badCard(Values v) {
        String good = Values.withLuhn("4" + v.digits(14));
        char last = good.charAt(15);
        return good.substring(0, 15) + (char) ('0' + (last - '0' + 1) % 10);
    }
}
