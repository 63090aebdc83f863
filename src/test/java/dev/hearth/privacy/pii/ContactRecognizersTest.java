package dev.hearth.privacy.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.privacy.Found;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContactRecognizersTest {
    private static final EmailRecognizer EMAIL = new EmailRecognizer();
    private static final PhoneNumberRecognizer PHONE = new PhoneNumberRecognizer(List.of("US", "GB"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            write to jane.doe@example.com today      | jane.doe@example.com
            <a.b+tag@sub.mail.example.org>           | a.b+tag@sub.mail.example.org
            mailto:ops-team@corp.example.co.uk.       | ops-team@corp.example.co.uk
            Contact: müller@beispiel.de               | müller@beispiel.de
            """)
    void anEmailAddressIsFound(String text, String expected) {
        assertThat(Found.values(EMAIL, text)).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"git clone git@github.com:org/repo.git", "<img src=\"logo@2x.png\">",
        "npm i left-pad@1.3.0", "@Override public void run()", "user@localhost", "a@b", "docker pull alpine@sha256:ab12",
        "price: 3 @ $4.50", "@@@@@@@@@@", "see https://user@example.com/path"})
    void codeThatMerelyContainsAnAtSignIsNotAnEmail(String text) {
        assertThat(Found.values(EMAIL, text)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            call me on (415) 555-0132 tomorrow      | (415) 555-0132
            Phone: 212-555-0147                     | 212-555-0147
            UK office +44 20 7946 0958              | +44 20 7946 0958
            mobile 4155550132                       | 4155550132
            Tel. 020 7946 0958                      | 020 7946 0958
            Berlin: +49 30 901820                   | +49 30 901820
            """)
    void aPhoneNumberIsFound(String text, String expected) {
        assertThat(Found.values(PHONE, text)).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"order 4155550132 shipped", "timestamp 1699999999", "build 2024.01.15.1234",
        "server at 10.20.30.40", "version 3.14159265", "total: 123456789", "id=4155550132abc",
        "uuid 123e4567-e89b-12d3-a456-426614174000", "invoice #2125550147", "x = 4155550132;"})
    void numbersInCodeAndRecordsAreNotPhoneNumbers(String text) {
        assertThat(Found.values(PHONE, text)).isEmpty();
    }
}
