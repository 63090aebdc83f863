package dev.hearth.privacy.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.privacy.Found;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeopleAndPlacesTest {
    private static final PersonRecognizer PERSON = new PersonRecognizer();
    private static final LocationRecognizer LOCATION = new LocationRecognizer();
    private static final PostalAddressRecognizer ADDRESS = new PostalAddressRecognizer();
    private static final DateOfBirthRecognizer DOB = new DateOfBirthRecognizer();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Please ask Maria Garcia-Lopez to sign      | Maria Garcia-Lopez
            Seen by Dr. Amal Haddad on Monday          | Amal Haddad
            Mrs O'Brien called                         | O'Brien
            Patient: Wei Zhang, 54                     | Wei Zhang
            Dear Sarah,                                | Sarah
            cc John Q. Public                          | John Q. Public
            forwarded by Anna van der Berg             | Anna van der Berg
            Name: Kwame Mensah                         | Kwame Mensah
            Thanks, Priya                              | Priya
            """)
    void aPersonsNameIsFound(String text, String expected) {
        assertThat(Found.values(PERSON, text)).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"The Patient Portal is down", "Use StringBuilder for that", "Maria Street is closed",
        "John Hopkins University", "See the README and CONTRIBUTING files", "class UserService extends Base",
        "Monday Tuesday Wednesday", "Sarah", "New York Times"})
    void capitalisedWordsThatAreNotAPersonAreNotFound(String text) {
        assertThat(Found.values(PERSON, text)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            she lives in Lisbon now                | Lisbon
            we moved to New Zealand in 2019         | New Zealand
            born in São Paulo                       | São Paulo
            City: Toronto                           | Toronto
            """)
    void aPlaceAfterAWhereaboutsCueIsFound(String text, String expected) {
        assertThat(Found.values(LOCATION, text)).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"the Paris agreement", "Phoenix is our build system", "import Berlin.utils",
        "Turkey sandwich", "Sydney Opera House tickets"})
    void aPlaceNameWithoutACueIsNotFound(String text) {
        assertThat(Found.values(LOCATION, text)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ship to 221B Baker Street, London NW1 6XE today                 | 221B Baker Street, London NW1 6XE
            1600 Pennsylvania Ave NW, Washington, DC 20500                 | 1600 Pennsylvania Ave NW, Washington, DC 20500
            She lives at 42 Elm St. Apt 5                                   | 42 Elm St. Apt 5
            Büro: Hauptstraße 5, 10115 Berlin                               | Hauptstraße 5, 10115 Berlin
            ZIP: 94103                                                      | 94103
            postcode SW1A 1AA                                               | SW1A 1AA
            meet at 350 5th Avenue, New York, NY 10118                     | 350 5th Avenue, New York, NY 10118
            200 W 42nd St                                                   | 200 W 42nd St
            HAUPTSTRASSE 5 then Hauptstrasse 7                              | Hauptstrasse 7
            Goethestr. 12                                                   | Goethestr. 12
            Alter Platz 3                                                   | Alter Platz 3
            """)
    void aPostalAddressIsFound(String text, String expected) {
        assertThat(Found.values(ADDRESS, text)).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"We sold 300 Main units", "Chapter 12 Street Fighter", "port 8080 and 94103 bytes",
        "version 2 Way forward", "room 12 5TH Avenue", "call 415 555 0142 now"})
    void numbersBeforeWordsAreNotAddresses(String text) {
        assertThat(Found.values(ADDRESS, text)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            DOB: 03/12/1985                       | 03/12/1985
            date of birth 1979-11-02              | 1979-11-02
            born on 12 March 1985 in Leeds        | 12 March 1985
            Birthday: July 4th, 1990              | July 4th, 1990
            Geburtsdatum: 24.12.1968              | 24.12.1968
            """)
    void aDateAfterABirthCueIsADateOfBirth(String text, String expected) {
        assertThat(Found.values(DOB, text)).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"invoice date 03/12/1985", "deployed 2024-01-15", "DOB: 13/13/1985",
        "born to run, released 1975-08-25 as the album title was announced much later on 1975-09-01"})
    void aDateWithoutABirthCueIsNotADateOfBirth(String text) {
        assertThat(Found.values(DOB, text)).isEmpty();
    }
}
