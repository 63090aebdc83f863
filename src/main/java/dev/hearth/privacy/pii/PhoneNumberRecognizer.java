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
 * <p>libphonenumber is not called where it cannot find a number this class would keep: runs after an identifier word,
 * inside a token, a bare digit group with no cue before it, and an ISO date a region cannot read ({@link PhoneRegion}).
 *
 * <p>Threading: libphonenumber's {@link PhoneNumberUtil} singleton is thread-safe; this class is immutable.
 */
public final class PhoneNumberRecognizer implements Recognizer {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int MIN_DIGITS = 7;
    private static final int MAX_GROUP = 17;
    private static final int DENSE_DIGITS = 64;
    private static final int MAX_TRIES_DENSE = 256;
    private static final int ID_WORD_WINDOW = 16;
    private static final int CUE_WINDOW = 40;
    private static final Phrases CUES = Phrases.ignoringCase("phone", "telephone", "tel", "tel.", "mobile", "mob",
            "cell", "cellphone", "call", "call me", "ring", "fax", "whatsapp", "sms", "text me", "contact", "reach me",
            "phone number", "ph", "telefon", "téléphone", "teléfono", "handy");
    private static final Phrases NOT_PHONE = Phrases.ignoringCase("order", "invoice", "account", "acct", "tracking",
            "isbn", "serial", "ref", "reference", "transaction", "txn", "id", "sku", "build", "version", "po",
            "ticket", "case", "batch", "lot", "employee", "customer", "member", "policy");

    private final List<PhoneRegion> regions;

    /** @param regions ISO 3166 region codes used for numbers written without a country code, e.g. {@code US}, {@code GB} */
    public PhoneNumberRecognizer(List<String> regions) {
        for (String region : regions) {
            if (!UTIL.getSupportedRegions().contains(region)) {
                throw new IllegalArgumentException("unknown phone region: " + region);
            }
        }
        this.regions = regions.stream().map(PhoneRegion::new).toList();
    }

    @Override
    public List<Span> find(CharSequence text) {
        return find(text, List.of());
    }

    /**
     * As {@link #find(CharSequence)}, with the text of earlier, stronger candidates (a Luhn-valid card, an IBAN, a
     * connection string) taken as a gap: their digits are not handed to libphonenumber, which spent most of its time
     * on such runs, and a phone span over them would lose the overlap rule anyway.
     */
    @Override
    public List<Span> find(CharSequence text, List<Span> earlier) {
        if (Chars.countDigits(text, 0, text.length()) < MIN_DIGITS) {
            return List.of();
        }
        Claims claims = Claims.outranking(SpanTypes.PHONE_NUMBER, earlier);
        List<Span> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            i = claims.skip(i);
            if (i >= n || !isPhoneChar(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            int stop = claims.nextStart(i, n);
            int digits = 0;
            while (i < stop && isPhoneChar(text.charAt(i))) {
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
        if (everyStartRefused(text, from, to)) {
            return; // accept() would drop whatever libphonenumber found here, e.g. "invoice 2024-118"
        }
        CharSequence piece = text.subSequence(from, to);
        boolean international = piece.toString().indexOf('+') >= 0 || piece.toString().indexOf('\uFF0B') >= 0;
        PieceShape shape = PieceShape.of(piece);
        if (!international && shape.bare() && !CUES.anyIn(text, Math.max(0, from - CUE_WINDOW), to)) {
            return; // one unformatted digit group without a cue: accept() refuses any number in it
        }
        long maxTries = digits <= DENSE_DIGITS ? Long.MAX_VALUE : MAX_TRIES_DENSE;
        for (PhoneRegion region : regions) {
            if (!international && !shape.readableIn(region)) {
                continue; // an ISO date this region cannot read (PhoneRegion): findNumbers would find nothing
            }
            boolean found = false;
            for (PhoneNumberMatch match : UTIL.findNumbers(piece, region.code(), Leniency.VALID, maxTries)) {
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

    /**
     * True when {@link #accept} refuses every span that could start in {@code [from, to)} for a reason that depends on
     * the start alone: it continues a longer token, or it lacks a {@code +} and follows an identifier word. Linear:
     * each position of {@code [from - 16, to)} is tried once against {@link #NOT_PHONE}.
     */
    private static boolean everyStartRefused(CharSequence text, int from, int to) {
        int lastIdWord = Integer.MIN_VALUE;
        int tried = Math.max(0, from - ID_WORD_WINDOW);
        for (int start = from; start < to; start++) {
            for (; tried < start; tried++) {
                if (NOT_PHONE.anyIn(text, tried, tried + 1)) {
                    lastIdWord = tried;
                }
            }
            if (continuesToken(text, start)) {
                continue;
            }
            if (!isPlus(text.charAt(start)) && lastIdWord >= start - ID_WORD_WINDOW) {
                continue;
            }
            return false;
        }
        return true;
    }

    private static boolean isPlus(char c) {
        return c == '+' || c == '\uFF0B';
    }

    /** Inside a longer token (v2.4155550132, abc4155550132), an amount or a reference. */
    private static boolean continuesToken(CharSequence text, int start) {
        return start > 0 && (Chars.isAsciiAlnum(text.charAt(start - 1)) || "._$€£#".indexOf(text.charAt(start - 1)) >= 0);
    }

    private static boolean accept(CharSequence text, int start, int end) {
        boolean international = isPlus(text.charAt(start));
        if (continuesToken(text, start)) {
            return false;
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
        if (dots >= 3 || NOT_PHONE.anyIn(text, Math.max(0, start - ID_WORD_WINDOW), start)) {
            return false;
        }
        return formatted || CUES.anyIn(text, Math.max(0, start - CUE_WINDOW), start);
    }
}
