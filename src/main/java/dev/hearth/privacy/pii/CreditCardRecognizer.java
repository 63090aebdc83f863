package dev.hearth.privacy.pii;

import dev.hearth.privacy.Recognizer;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.text.Anchors;
import dev.hearth.privacy.text.Checksums;
import dev.hearth.privacy.text.Chars;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code CREDIT_CARD}: 13 to 19 digits, written plain or grouped by single spaces or dashes (4-4-4-4, 4-6-5, 4-6-4,
 * 4-4-4-4-3), that pass Luhn and start with an issuer range in use (Visa, Mastercard incl. 2-series, Amex, Discover,
 * JCB, Diners, UnionPay, Maestro). Mixed separators, odd groupings, one repeated digit and digits glued to letters are
 * rejected. Stateless, thread-safe.
 */
public final class CreditCardRecognizer implements Recognizer {
    // One digit per repetition with an optional separator after it: at most two ways to take each char, so the
    // pattern backtracks linearly; the lookarounds keep it off longer digit or dash runs.
    private static final Pattern CANDIDATE =
            Pattern.compile("(?<![0-9A-Za-z-])(?:[0-9][ -]?){12,18}[0-9](?![0-9A-Za-z]|-[0-9])");

    @Override
    public List<Span> find(CharSequence text) {
        List<Span> out = new ArrayList<>();
        Matcher m = Anchors.transparent(CANDIDATE.matcher(text));
        Anchors.digitRuns(text, "-", 13, 23, at -> {
            if (Anchors.matchAt(m, text, at, 23) && valid(text, m.start(), m.end())) {
                out.add(new Span(SpanTypes.CREDIT_CARD, m.start(), m.end()));
            }
        });
        return out;
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.CREDIT_CARD);
    }

    static boolean valid(CharSequence text, int start, int end) {
        String digits = Chars.digits(text, start, end);
        if (digits.length() < 13 || digits.length() > 19 || !groupingOk(text, start, end)) {
            return false;
        }
        if (Chars.allSame(digits, 0, digits.length()) || !Checksums.luhn(digits)) {
            return false;
        }
        return issuerOk(digits);
    }

    private static boolean groupingOk(CharSequence text, int start, int end) {
        char separator = 0;
        List<Integer> groups = new ArrayList<>(6);
        int run = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (Chars.isAsciiDigit(c)) {
                run++;
                continue;
            }
            if (separator != 0 && c != separator) {
                return false;
            }
            separator = c;
            groups.add(run);
            run = 0;
        }
        groups.add(run);
        if (groups.size() == 1) {
            return true;
        }
        String shape = groups.toString();
        return shape.equals("[4, 4, 4, 4]") || shape.equals("[4, 6, 5]") || shape.equals("[4, 6, 4]")
                || shape.equals("[4, 4, 4, 4, 3]") || shape.equals("[4, 4, 4, 4, 2]") || shape.equals("[4, 4, 4, 1]")
                || shape.equals("[4, 4, 4, 2]") || shape.equals("[4, 4, 4, 3]") || shape.equals("[6, 13]");
    }

    private static boolean issuerOk(String d) {
        int len = d.length();
        int two = Integer.parseInt(d.substring(0, 2));
        int three = Integer.parseInt(d.substring(0, 3));
        int four = Integer.parseInt(d.substring(0, 4));
        if (d.charAt(0) == '4') {
            return len == 13 || len == 16 || len == 19; // Visa
        }
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return len == 16; // Mastercard
        }
        if (two == 34 || two == 37) {
            return len == 15; // American Express
        }
        if (four == 6011 || (three >= 644 && three <= 649) || two == 65) {
            return len >= 16; // Discover
        }
        if (four >= 3528 && four <= 3589) {
            return len >= 16; // JCB
        }
        if ((three >= 300 && three <= 305) || two == 36 || two == 38 || two == 39) {
            return len >= 14; // Diners Club
        }
        if (two == 62) {
            return len >= 16; // UnionPay
        }
        return (two == 50 || (two >= 56 && two <= 69)) && len >= 13; // Maestro
    }
}
