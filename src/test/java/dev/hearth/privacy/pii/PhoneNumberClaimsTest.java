package dev.hearth.privacy.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.privacy.Detector;
import dev.hearth.privacy.Detectors;
import dev.hearth.privacy.Found;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the phone recognizer uses what stronger recognizers found before it, and the start-only refusals. */
class PhoneNumberClaimsTest {
    private static final PhoneNumberRecognizer PHONE = new PhoneNumberRecognizer(Detectors.PHONE_REGIONS);
    private static final Detector DETECTOR = Detectors.standard();

    @Test
    void digitsClaimedByAStrongerTypeAreNotReadAsAPhoneNumber() {
        String text = "call 020 7946 0958 now";
        Span iban = new Span(SpanTypes.IBAN, 5, 18);
        assertThat(PHONE.find(text)).isNotEmpty();
        assertThat(PHONE.find(text, List.of(iban))).isEmpty();
    }

    @Test
    void aClaimOfAWeakerOrEqualTypeChangesNothing() {
        String text = "call 020 7946 0958 now";
        List<Span> weaker = List.of(new Span(SpanTypes.LOCATION, 5, 18), new Span(SpanTypes.IP_ADDRESS, 5, 18));
        assertThat(PHONE.find(text, weaker)).isEqualTo(PHONE.find(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            card 4111 1111 1111 1111 +44 20 7946 0958 please     | +44 20 7946 0958
            IBAN DE89 3704 0044 0532 0130 00 (415) 555-0132      | (415) 555-0132
            4111111111111111 212-555-0147 is my desk             | 212-555-0147
            """)
    void aPhoneNumberRightAfterACardOrIbanIsStillFound(String text, String phone) {
        assertThat(Found.by(DETECTOR, text)).contains(SpanTypes.PHONE_NUMBER + "=" + phone);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            reference invoice 2024-118 in the memo | 0
            order no. 020 7946 0958                | 0
            order +44 20 7946 0958                 | 1
            v2.020 7946 0958                       | 0
            """)
    void numbersAfterAnIdentifierWordAreRefusedUnlessInternational(String text, int phones) {
        assertThat(PHONE.find(text)).hasSize(phones);
    }

    /**
     * A run that is one unformatted digit group is skipped before libphonenumber when no cue word precedes it, since
     * {@code accept} would refuse any number in it; these are valid numbers of every length from 7 to 15 digits
     * (national, trunk prefix, country code first, 011 and 00 international prefixes) to show the cue is what decides.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"3101234", "08001111", "4155550142", "02079460958", "14155550142", "442079460958",
            "0014155550142", "00442079460958", "011442079460958"})
    void aBareDigitRunIsAPhoneNumberOnlyAfterACue(String digits) {
        assertThat(PHONE.find("see " + digits + " today")).isEmpty();
        assertThat(PHONE.find("call " + digits + " today")).isNotEmpty();
        assertThat(PHONE.find("call: " + digits + ", " + digits)).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2024-03-15      | false | 2
            ' 2024-03-15. ' | false | 2
            (2024-03-15)    | false | 2
            1999-12-31      | false | 1
            0800-11-11      | false | -1
            2024-03-155     | false | -1
            2024-03-15 12   | false | -1
            2024/03/15      | false | -1
            ' 4155550142.'  | true  | -1
            (415)5550142    | false | -1
            ' 415 5550142'  | false | -1
            """)
    void theShapeOfARunDecidesWhatIsSkipped(String run, boolean bare, int dateDigit) {
        assertThat(PieceShape.of(run)).isEqualTo(new PieceShape(bare, dateDigit));
    }
}
