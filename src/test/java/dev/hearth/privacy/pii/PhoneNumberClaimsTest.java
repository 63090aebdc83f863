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
}
