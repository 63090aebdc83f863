package dev.hearth.privacy.pii;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import dev.hearth.privacy.Detectors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ISO-date rule of {@link PhoneRegion} checked against libphonenumber itself: every date it lets the recognizer
 * skip is one {@code findNumbers} finds nothing in.
 */
class PhoneRegionTest {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String[] MONTH_DAYS = {"00-00", "01-01", "07-06", "11-11", "12-31", "20-20", "31-12", "99-99"};

    @ParameterizedTest(name = "{0} reads dates starting with {1}")
    @CsvSource({"US, 1", "GB, ''", "DK, 123456789", "DE, 123456789"})
    void whichDatesEachRegionMightRead(String region, String readable) {
        PhoneRegion phones = new PhoneRegion(region);
        for (int digit = 1; digit <= 9; digit++) {
            assertThat(phones.readsDatesStartingWith(digit)).as("%s, dates starting with %d", region, digit)
                    .isEqualTo(readable != null && readable.indexOf('0' + digit) >= 0);
        }
    }

    /**
     * Hearth's regions, densely: every year of every skipped first digit with a spread of month-days, and for
     * {@code d800} (GB's 7-digit freephone 800 1111 hides in {@code 2800-11-11}) every month-day from 00-00 to 99-99.
     */
    @Test
    void noDateTheDefaultRegionsSkipIsANumberThere() {
        for (String region : Detectors.PHONE_REGIONS) {
            PhoneRegion phones = new PhoneRegion(region);
            List<String> found = new ArrayList<>();
            for (int digit = 1; digit <= 9; digit++) {
                if (phones.readsDatesStartingWith(digit)) {
                    continue;
                }
                for (int year = digit * 1000; year < digit * 1000 + 1000; year++) {
                    for (String monthDay : MONTH_DAYS) {
                        collect(year + "-" + monthDay, region, found);
                    }
                }
                for (int monthDay = 0; monthDay < 10_000; monthDay++) {
                    collect(String.format("%d800-%02d-%02d", digit, monthDay / 100, monthDay % 100), region, found);
                }
            }
            assertThat(found).as(region).isEmpty();
        }
    }

    /** Every region libphonenumber knows, more sparsely: the rule must hold for any region a deployment configures. */
    @Test
    void noDateAnyRegionSkipsIsANumberThere() {
        List<String> found = new ArrayList<>();
        for (String region : UTIL.getSupportedRegions()) {
            PhoneRegion phones = new PhoneRegion(region);
            for (int digit = 1; digit <= 9; digit++) {
                if (phones.readsDatesStartingWith(digit)) {
                    continue;
                }
                for (int year = digit * 1000; year < digit * 1000 + 1000; year += 37) {
                    for (String monthDay : MONTH_DAYS) {
                        collect(year + "-" + monthDay, region, found);
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({"1310-07-06, US", "2021-08-16, DK"})
    void theDatesARegionReadsAreRealNumbersThere(String date, String region) {
        assertThat(UTIL.findNumbers(date, region, Leniency.VALID, Long.MAX_VALUE)).isNotEmpty();
    }

    private static void collect(String date, String region, List<String> found) {
        for (PhoneNumberMatch match : UTIL.findNumbers(date, region, Leniency.VALID, Long.MAX_VALUE)) {
            found.add(region + ": " + match.rawString());
        }
    }
}
