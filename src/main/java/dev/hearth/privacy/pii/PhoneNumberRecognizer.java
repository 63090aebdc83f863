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
    private static final Phrases CUES = Phrases.ignoringCase("phone", "telephone", "tel", "tel.", "mobile", "mob",
            "cell", "cellphone", "call", "call me", "ring", "fax", "whatsapp", "sms", "text me", "contact", "reach me",
            "phone number", "ph", "number", "telefon", "téléphone", "teléfono", "handy");
    private static final Phrases NOT_PHONE = Phrases.ignoringCase("order", "invoice", "account", "acct", "tracking",
            "isbn", "serial", "ref", "reference", "transaction", "txn", "id", "sku", "build", "version", "po",
            "ticket", "case", "batch", "lot");

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
        for (String region : regions) {
            for (PhoneNumberMatch match : UTIL.findNumbers(text, region, Leniency.VALID, Long.MAX_VALUE)) {
                int start = match.start();
                int end = match.end();
                if (accept(text, start, end)) {
                    Span span = new Span(SpanTypes.PHONE_NUMBER, start, end);
                    if (!out.contains(span)) {
                        out.add(span);
                    }
                }
            }
        }
        return out;
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.PHONE_NUMBER);
    }

    private static boolean accept(CharSequence text, int start, int end) {
        char first = text.charAt(start);
        boolean international = first == '+' || first == '\uFF0B';
        if (start > 0 && (Chars.isAsciiAlnum(text.charAt(start - 1)) || text.charAt(start - 1) == '.')) {
            return false; // inside a longer token: v2.4155550132, abc4155550132
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
