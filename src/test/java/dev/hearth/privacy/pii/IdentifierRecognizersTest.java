package dev.hearth.privacy.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.privacy.Found;
import dev.hearth.privacy.Recognizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checksummed and rule-bound identifiers: cards, IBANs, SSNs, NINOs, German tax ids, Spanish NIFs. */
class IdentifierRecognizersTest {

    private static Recognizer recognizer(String name) {
        return switch (name) {
            case "card" -> new CreditCardRecognizer();
            case "iban" -> new IbanRecognizer();
            case "ssn" -> new UsSsnRecognizer();
            case "nino" -> new UkNinoRecognizer();
            case "detax" -> new DeTaxIdRecognizer();
            case "nif" -> new EsNifRecognizer();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            card  | Visa 4111 1111 1111 1111 exp 12/29                 | 4111 1111 1111 1111
            card  | mc=5555555555554444;                               | 5555555555554444
            card  | Amex 3782-822463-10005                             | 3782-822463-10005
            card  | card: 2223-0031-2200-3222                          | 2223-0031-2200-3222
            card  | JCB 3530111333300000.                              | 3530111333300000
            iban  | pay to DE89 3704 0044 0532 0130 00 please          | DE89 3704 0044 0532 0130 00
            iban  | IBAN: GB82WEST12345698765432                       | GB82WEST12345698765432
            iban  | FR14 2004 1010 0505 0001 3M02 606 BIC XYZ          | FR14 2004 1010 0505 0001 3M02 606
            ssn   | SSN 219-09-9998                                    | 219-09-9998
            ssn   | social security number: 536 22 1234                | 536 22 1234
            ssn   | SSN#536221234                                      | 536221234
            nino  | NI number JG103759A                                | JG103759A
            nino  | her NINO is AB 12 34 56 D                          | AB 12 34 56 D
            detax | Steuer-ID: 86095742719                             | 86095742719
            detax | Steuerliche Identifikationsnummer 86 095 742 719   | 86 095 742 719
            nif   | DNI 12345678Z                                      | 12345678Z
            nif   | NIE X1234567L                                      | X1234567L
            nif   | nif: 87654321-X                                    | 87654321-X
            """)
    void aValidIdentifierIsFound(String recognizer, String text, String expected) {
        assertThat(Found.values(recognizer(recognizer), text)).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            card  | 4111 1111 1111 1112 fails Luhn
            card  | 0000 0000 0000 0000
            card  | 4111-1111 1111-1111 mixes separators
            card  | 41111 11111 11111 1 odd groups
            card  | order 1234567812345670 is not an issuer range
            card  | trace id 84111111111111111123 is too long
            card  | sha 9a4111111111111111f
            iban  | DE89 3704 0044 0532 0130 01 bad checksum
            iban  | XX89370400440532013000 unknown country
            iban  | DE8937040044053201300 too short
            ssn   | 000-12-3456
            ssn   | 666-12-3456
            ssn   | 912-12-3456
            ssn   | 123-00-4567
            ssn   | 123-45-0000
            ssn   | 123-45-6789 specimen
            ssn   | ticket 536 22 1234 has no cue
            ssn   | part 536221234 has no cue
            ssn   | phone 555-123-45678
            nino  | part JG103759A has no cue
            nino  | GB 12 34 56 A bad prefix
            nino  | DA 12 34 56 A bad first letter
            nino  | AB 12 34 56 E bad suffix
            detax | Steuer-ID 47608912357 has no repeated digit
            detax | Steuer-ID 86095742718 bad check digit
            detax | order 86095742719 has no cue
            nif   | DNI 12345678A wrong letter
            nif   | 00000000T
            nif   | hash 12345678Zab
            """)
    void anInvalidOrUncuedLookalikeIsNotFound(String recognizer, String text) {
        assertThat(Found.values(recognizer(recognizer), text)).isEmpty();
    }
}
