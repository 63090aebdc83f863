package dev.hearth.privacy.pii;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One region {@link PhoneNumberRecognizer} reads numbers written without {@code +} in, and which ISO dates
 * ({@code 2024-03-15}) libphonenumber can never read there, so that the recognizer skips them without calling
 * {@code findNumbers} (where most of its time went on dev-set text).
 *
 * <p>Why this is decidable from the metadata: a date token has no separator libphonenumber splits on, so its only
 * candidate is its eight digits, and parsing them can only strip, from the front, an international prefix, the
 * region's country code or a national prefix; what is left must have a national length some region of that country
 * code uses (local-only lengths are never valid). So a date whose first digit starts none of those prefixes, in a
 * region none of whose countries has national numbers of 8 digits (or 8 minus the stripped prefix), is never a number.
 * A region whose prefixes are patterns rather than plain digit strings, or which rewrites the national prefix, reads
 * every date. For the US only dates of years 1000-1999 are read ("1" and a 7-digit Canadian number); for GB none.
 * {@code PhoneRegionTest} checks this against libphonenumber itself.
 *
 * <p>Immutable and thread-safe.
 */
final class PhoneRegion {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final MetadataSource METADATA =
            DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
    private static final int DATE_DIGITS = 8;

    private final String code;
    /** Per first digit of an ISO date: whether libphonenumber might read it as a number in this region. */
    private final boolean[] datesReadable = new boolean[10];

    PhoneRegion(String code) {
        this.code = code;
        PhoneMetadata region = METADATA.getMetadataForRegion(code);
        Set<Integer> lengths = nationalLengths(region.getCountryCode());
        String countryCode = String.valueOf(region.getCountryCode());
        List<String> nationalPrefixes = alternatives(region.hasNationalPrefixForParsing()
                ? region.getNationalPrefixForParsing() : region.getNationalPrefix());
        List<String> internationalPrefixes = alternatives(region.getInternationalPrefix());
        if (nationalPrefixes == null || internationalPrefixes == null || region.hasNationalPrefixTransformRule()
                && !region.getNationalPrefixTransformRule().isEmpty() || lengths.contains(DATE_DIGITS)) {
            Arrays.fill(datesReadable, true);
            return;
        }
        for (String prefix : internationalPrefixes) {
            datesReadable[prefix.charAt(0) - '0'] = true;
        }
        for (String prefix : nationalPrefixes) {
            datesReadable[prefix.charAt(0) - '0'] |= lengths.contains(DATE_DIGITS - prefix.length());
        }
        int afterCode = DATE_DIGITS - countryCode.length();
        boolean codeThenNumber = lengths.contains(afterCode);
        for (String prefix : nationalPrefixes) {
            codeThenNumber |= lengths.contains(afterCode - prefix.length());
        }
        datesReadable[countryCode.charAt(0) - '0'] |= codeThenNumber;
    }

    String code() {
        return code;
    }

    /** False when no ISO date {@code dddd-dd-dd} starting with this digit (1-9) can be a valid number here. */
    boolean readsDatesStartingWith(int digit) {
        return datesReadable[digit];
    }

    /** National number lengths of every region sharing the country code (US with Canada's 7-digit 310 numbers). */
    private static Set<Integer> nationalLengths(int countryCode) {
        Set<Integer> lengths = new HashSet<>();
        for (String region : UTIL.getRegionCodesForCountryCode(countryCode)) {
            lengths.addAll(METADATA.getMetadataForRegion(region).getGeneralDesc().getPossibleLengthList());
        }
        return lengths;
    }

    /** The plain digit strings a prefix pattern such as {@code 0|180020} matches; null for any other pattern. */
    private static List<String> alternatives(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return List.of();
        }
        List<String> out = List.of(pattern.split("\\|"));
        return out.stream().allMatch(p -> p.matches("[0-9]+")) ? out : null;
    }
}
