package dev.hearth.privacy.text;

/** The check-digit algorithms of the identifiers Hearth recognises. Pure functions over ASCII digit strings. */
public final class Checksums {
    private Checksums() {}

    /** Luhn (mod 10), as used by payment cards and, with the 80840 prefix, US NPIs. */
    public static boolean luhn(CharSequence digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return digits.length() > 0 && sum % 10 == 0;
    }

    /**
     * ISO 13616 IBAN check: move the first four chars to the end, letters become 10..35, the number mod 97 is 1.
     * {@code iban} is upper-case letters and digits only.
     */
    public static boolean ibanMod97(CharSequence iban) {
        if (iban.length() < 5) {
            return false;
        }
        int remainder = 0;
        int n = iban.length();
        for (int k = 0; k < n; k++) {
            char c = iban.charAt((k + 4) % n);
            if (c >= '0' && c <= '9') {
                remainder = (remainder * 10 + (c - '0')) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            } else {
                return false;
            }
        }
        return remainder == 1;
    }

    /** ISO 7064 MOD 11,10 over all digits but the last, compared with the last (German tax identification number). */
    public static boolean iso7064Mod11x10(CharSequence digits) {
        int product = 10;
        int n = digits.length();
        for (int i = 0; i < n - 1; i++) {
            int sum = (digits.charAt(i) - '0' + product) % 10;
            if (sum == 0) {
                sum = 10;
            }
            product = (sum * 2) % 11;
        }
        int check = 11 - product;
        if (check == 10) {
            check = 0;
        }
        return n > 1 && digits.charAt(n - 1) - '0' == check;
    }
}
