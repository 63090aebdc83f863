package dev.hearth.privacy.pii;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import dev.hearth.privacy.Recognizer;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.text.Chars;
import dev.hearth.privacy.text.Phrases;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code PHONE_NUMBER} through libphonenumber's {@code findNumbers} with {@link Leniency#VALID}: the digits must form
 * a number that is valid in its country's numbering plan (real area codes, lengths, ranges), which rules out most
 * ids, prices and timestamps. Numbers without a {@code +} are read in each configured default region.
 *
 * <p>On top of that, to stay quiet on code and data: a bare digit run ({@code 4155550132}) counts only next to a cue
 * word such as "phone", "call" or "mobile"; dotted numbers that look like IP addresses or versions are dropped; and a
 * number preceded by "order", "invoice", "account"... is taken for an identifier unless it carries a {@code +}.
 *
 * <p>Threading: libphonenumber's {@link PhoneNumberUtil} singleton is thread-safe; this class is immutable.
 */
public final class PhoneNumberRecognizer implements Recognizer {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int MIN_DIGITS = 7;
    private static final int MAX_GROUP = 17;
    private static final int DENSE_DIGITS = 64;
    private static final int MAX_TRIES_DENSE = 256;
    private static final Phrases CUES = Phrases.ignoringCase("phone", "telephone", "tel", "tel.", "mobile", "mob",
            "cell", "cellphone", "call", "call me", "ring", "fax", "whatsapp", "sms", "text me", "contact", "reach me",
            "phone number", "ph", "telefon", "téléphone", "teléfono", "handy");
    private static final Phrases NOT_PHONE = Phrases.ignoringCase("order", "invoice", "account", "acct", "tracking",
            "isbn", "serial", "ref", "reference", "transaction", "txn", "id", "sku", "build", "version", "po",
            "ticket", "case", "batch", "lot", "employee", "customer", "member", "policy");

    private final List<String> regions;

    /** @param regions ISO 3166 region codes used for numbers written without a country code, e.g. {@code US}, {@code GB} */
    public PhoneNumberRecognizer(List<String> regions) {
        for (String region : regions) {
            if (!UTIL.getSupportedRegions().contains(region)) {
                throw new IllegalArgumentException("unknown phone region: " + region);
            }
        }
        this.regions = List.copyOf(regions);
    }

    @Override
    public List<Span> find(CharSequence text) {
        if (Chars.countDigits(text, 0, text.length()) < MIN_DIGITS) {
            return List.of();
        }
        List<Span> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isPhoneChar(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            int digits = 0;
            while (i < n && isPhoneChar(text.charAt(i))) {
                digits += Character.isDigit(text.charAt(i)) ? 1 : 0;
                i++;
            }
            if (digits >= MIN_DIGITS) {
                scanRun(text, start, i, out);
            }
        }
        return out;
    }

    /**
     * Hands libphonenumber one run of phone characters, minus digit groups too long to belong to any phone number
     * (E.164 allows 15 digits; 17 leaves room for trunk prefixes). A run with many digits is a table or junk rather
     * than prose: libphonenumber then stops after {@value #MAX_TRIES_DENSE} invalid candidates (valid numbers do not
     * count), which keeps the cost linear; later numbers in such a run after that many invalid ones are not reported.
     */
    private void scanRun(CharSequence text, int start, int end, List<Span> out) {
        int from = start;
        int i = start;
        while (i <= end) {
            int groupStart = i;
            while (i < end && Character.isDigit(text.charAt(i))) {
                i++;
            }
            if (i - groupStart > MAX_GROUP || i >= end) {
                int to = i - groupStart > MAX_GROUP ? groupStart : end;
                scanPiece(text, from, to, out);
                from = i;
            }
            i++;
        }
    }

    private void scanPiece(CharSequence text, int from, int to, List<Span> out) {
        int digits = Chars.countDigits(text, from, to);
        if (digits < MIN_DIGITS) {
            return;
        }
        long maxTries = digits <= DENSE_DIGITS ? Long.MAX_VALUE : MAX_TRIES_DENSE;
        CharSequence piece = text.subSequence(from, to);
        boolean international = piece.toString().indexOf('+') >= 0 || piece.toString().indexOf('\uFF0B') >= 0;
        for (String region : regions) {
            boolean found = false;
            for (PhoneNumberMatch match : UTIL.findNumbers(piece, region, Leniency.VALID, maxTries)) {
                Span span = new Span(SpanTypes.PHONE_NUMBER, from + match.start(), from + match.end());
                found = true;
                if (!out.contains(span) && accept(text, span.start(), span.end())) {
                    out.add(span);
                }
            }
            if (found || (international && digits <= DENSE_DIGITS)) {
                return; // read in the first region that explains it; a short run with "+" does not depend on region
            }
        }
    }

    /** Digits in any script, and what people put between them: space, + ( ) - . / and dashes. */
    private static boolean isPhoneChar(char c) {
        return Character.isDigit(c) || c == ' ' || c == '+' || c == '(' || c == ')' || c == '-' || c == '.'
                || c == '/' || c == '\u00A0' || c == '\u2010' || c == '\u2011' || c == '\u2013' || c == '\uFF0B';
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.PHONE_NUMBER);
    }

    private static boolean accept(CharSequence text, int start, int end) {
        char first = text.charAt(start);
        boolean international = first == '+' || first == '\uFF0B';
        if (start > 0 && (Chars.isAsciiAlnum(text.charAt(start - 1)) || "._$€£#".indexOf(text.charAt(start - 1)) >= 0)) {
            return false; // inside a longer token (v2.4155550132, abc4155550132), an amount or a reference
        }
        if (end < text.length() && (Chars.isAsciiAlnum(text.charAt(end)) || text.charAt(end) == '.'
                && end + 1 < text.length() && Chars.isAsciiDigit(text.charAt(end + 1)))) {
            return false;
        }
        int dots = 0;
        boolean formatted = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                dots++;
            }
            if (c == ' ' || c == '-' || c == '(' || c == '/' || c == '.' || c == '\u00A0') {
                formatted = true;
            }
        }
        if (international) {
            return true;
        }
        if (dots >= 3 || NOT_PHONE.anyIn(text, Math.max(0, start - 16), start)) {
            return false;
        }
        return formatted || CUES.anyIn(text, Math.max(0, start - 40), start);
    }
}
