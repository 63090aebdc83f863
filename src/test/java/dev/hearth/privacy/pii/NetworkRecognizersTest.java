package dev.hearth.privacy.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.privacy.Found;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkRecognizersTest {
    private static final IpAddressRecognizer IP = new IpAddressRecognizer();
    private static final MacAddressRecognizer MAC = new MacAddressRecognizer();
    private static final UrlCredentialsRecognizer URL = new UrlCredentialsRecognizer();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            client 203.0.113.54 connected                 | 203.0.113.54
            ssh root@192.168.1.20                         | 192.168.1.20
            [2001:db8:85a3::8a2e:370:7334]:443            | 2001:db8:85a3::8a2e:370:7334
            addr fe80::1ff:fe23:4567:890a%eth0            | fe80::1ff:fe23:4567:890a
            mapped ::ffff:198.51.100.7                    | ::ffff:198.51.100.7
            full 2001:0db8:0000:0000:0000:ff00:0042:8329  | 2001:0db8:0000:0000:0000:ff00:0042:8329
            """)
    void anIpAddressIsFound(String text, String expected) {
        assertThat(Found.values(IP, text)).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"version 1.2.3.4", "v10.0.0.1", "OID 1.3.6.1.4.1.311", "listen 0.0.0.0:8080",
        "netmask 255.255.255.0", "curl http://127.0.0.1:8080/v1", "300.1.2.3", "meeting at 12:30:45", "std::vector<int> a::b", "mac 00:1A:2B:3C:4D:5E",
        "sha1 de:ad:be:ef:00:11:22:33:44:55:66:77:88:99:aa:bb", "1.2.3.4.5"})
    void lookalikesAreNotIpAddresses(String text) {
        assertThat(Found.values(IP, text)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ether 00:1A:2B:3C:4D:5E                 | 00:1A:2B:3C:4D:5E
            device a4-83-e7-1f-00-9c joined         | a4-83-e7-1f-00-9c
            MAC address 001a.2b3c.4d5e              | 001a.2b3c.4d5e
            """)
    void aMacAddressIsFound(String text, String expected) {
        assertThat(Found.values(MAC, text)).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff", "00:1A-2B:3C:4D:5E", "at 12:30:45:10:20:30:40",
        "version 1a2b.3c4d.5e6f"})
    void lookalikesAreNotMacAddresses(String text) {
        assertThat(Found.values(MAC, text)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            DATABASE_URL=postgres://app:Kq8vXz2mN4@db.internal:5432/orders       | CONNECTION_STRING=postgres://app:Kq8vXz2mN4@db.internal:5432/orders
            "mongodb+srv://svc:p4ss%21word@cluster0.ab1cd.mongodb.net/test"     | CONNECTION_STRING=mongodb+srv://svc:p4ss%21word@cluster0.ab1cd.mongodb.net/test
            url: redis://:Zr7tP0qW@cache:6379/0.                                | CONNECTION_STRING=redis://:Zr7tP0qW@cache:6379/0
            jdbc:sqlserver://db01:1433;databaseName=hr;user=sa;password=Yx83!kqP | CONNECTION_STRING=jdbc:sqlserver://db01:1433;databaseName=hr;user=sa;password=Yx83!kqP
            jdbc:mysql://db/app?user=app&password=m9Tz2Lq                       | CONNECTION_STRING=jdbc:mysql://db/app?user=app&password=m9Tz2Lq
            fetch https://deploy:hunter22@git.example.com/repo.git              | URL_WITH_CREDENTIALS=https://deploy:hunter22@git.example.com/repo.git
            ftp://anna:Sommer2024@files.example.org/in                          | URL_WITH_CREDENTIALS=ftp://anna:Sommer2024@files.example.org/in
            """)
    void aUrlWithAPasswordIsFound(String text, String expected) {
        assertThat(Found.by(URL, text)).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgres://app@db.internal:5432/orders", "postgres://${DB_USER}:${DB_PASSWORD}@db/app",
        "mysql://root:<password>@localhost/db", "redis://:changeme@localhost:6379", "https://example.com:8443/a@b",
        "https://user@example.com/", "jdbc:postgresql://db/app?user=app", "amqp://guest:****@rabbit/",
        "see http://x.y/?q=a:b@c", "mongodb://user:password@localhost"})
    void aUrlWithoutARealPasswordIsNotFound(String text) {
        assertThat(Found.by(URL, text)).isEmpty();
    }
}
