package dev.hearth.privacy.devset;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/** Random but well-formed values for the dev set: checksums computed, vendor lengths respected. */
final class Values {
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String HEX = "0123456789abcdef";
    private static final String BASE64 = ALNUM + "+/";

    private final Random random;

    Values(Random random) {
        this.random = random;
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    String chars(String alphabet, int n) {
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    String alnum(int n) {
        return chars(ALNUM, n);
    }

    String hex(int n) {
        return chars(HEX, n);
    }

    String digits(int n) {
        return chars("0123456789", n);
    }

    String upperDigits(int n) {
        return chars(UPPER_DIGITS, n);
    }

    String base64(int n) {
        return chars(BASE64, n);
    }

    String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Appends a Luhn check digit to {@code body}. */
    static String withLuhn(String body) {
        for (int d = 0; d <= 9; d++) {
            String candidate = body + d;
            if (luhn(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException();
    }

    static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    /** IBAN check digits for country + BBAN. */
    static String iban(String country, String bban) {
        String rearranged = bban + country + "00";
        int remainder = 0;
        for (char c : rearranged.toCharArray()) {
            String part = Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10);
            for (char p : part.toCharArray()) {
                remainder = (remainder * 10 + (p - '0')) % 97;
            }
        }
        int check = 98 - remainder;
        return country + (check < 10 ? "0" + check : String.valueOf(check)) + bban;
    }

    static String groupsOf4(String compact) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < compact.length(); i += 4) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(compact, i, Math.min(compact.length(), i + 4));
        }
        return out.toString();
    }

    /** A German tax id: ten digits with exactly one digit twice, then the ISO 7064 MOD 11,10 check digit. */
    String germanTaxId() {
        while (true) {
            List<Character> pool = new java.util.ArrayList<>(List.of('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'));
            java.util.Collections.shuffle(pool, random);
            char twice = pool.get(0);
            List<Character> ten = new java.util.ArrayList<>(pool.subList(0, 9));
            ten.add(twice);
            java.util.Collections.shuffle(ten, random);
            if (ten.get(0) == '0') {
                continue;
            }
            StringBuilder digits = new StringBuilder();
            ten.forEach(digits::append);
            int product = 10;
            for (int i = 0; i < 10; i++) {
                int sum = (digits.charAt(i) - '0' + product) % 10;
                product = ((sum == 0 ? 10 : sum) * 2) % 11;
            }
            int check = 11 - product;
            return digits.append(check == 10 ? 0 : check).toString();
        }
    }
}
