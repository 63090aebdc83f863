package dev.hearth.privacy.pii;

import dev.hearth.privacy.Recognizer;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.text.Anchors;
import dev.hearth.privacy.text.Checksums;
import dev.hearth.privacy.text.Chars;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code IBAN}: country code, two check digits and the BBAN, plain or in groups separated by single spaces; the length
 * must be the one registered for the country and the ISO 13616 mod-97 check must hold. Upper case only (how IBANs are
 * printed). Stateless, thread-safe.
 */
public final class IbanRecognizer implements Recognizer {
    // One char per repetition (optional space before it): linear backtracking.
    private static final Pattern CANDIDATE = Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}");
    private static final Map<String, Integer> LENGTHS = new HashMap<>();

    static {
        String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 "
                + "EE20 EG29 ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 "
                + "JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24 "
                + "PL28 PS29 PT25 QA29 RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 ST25 SV28 TL23 TN24 TR26 UA29 VA22 "
                + "VG24 XK20";
        for (String entry : table.split(" ")) {
            LENGTHS.put(entry.substring(0, 2), Integer.parseInt(entry.substring(2)));
        }
    }

    @Override
    public List<Span> find(CharSequence text) {
        List<Span> out = new ArrayList<>();
        Matcher m = Anchors.transparent(CANDIDATE.matcher(text));
        int n = text.length();
        Anchors.capitalStarts(text, at -> {
            if (at + 3 < n && Chars.isAsciiDigit(text.charAt(at + 2)) && Chars.isAsciiDigit(text.charAt(at + 3))
                    && Anchors.matchAt(m, text, at, 48)) {
                int end = exactEnd(text, m.start(), m.end());
                if (end > 0) {
                    out.add(new Span(SpanTypes.IBAN, m.start(), end));
                }
            }
        });
        return out;
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.IBAN);
    }

    /** The end of a valid IBAN starting at {@code start} within the greedy match {@code [start, limit)}, or -1. */
    private static int exactEnd(CharSequence text, int start, int limit) {
        Integer length = LENGTHS.get(text.subSequence(start, start + 2).toString());
        if (length == null) {
            return -1;
        }
        StringBuilder compact = new StringBuilder(length);
        int i = start;
        while (i < limit && compact.length() < length) {
            char c = text.charAt(i++);
            if (c != ' ') {
                compact.append(c);
            }
        }
        if (compact.length() != length || (i < text.length() && Chars.isAsciiAlnum(text.charAt(i)))) {
            return -1;
        }
        return Checksums.ibanMod97(compact) ? i : -1;
    }
}
