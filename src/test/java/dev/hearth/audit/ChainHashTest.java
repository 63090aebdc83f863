package dev.hearth.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChainHashTest {
    private static final String BODY = "{\"request_id\":\"r1\",\"status\":200}";

    @Test
    void aRecordHashesItsCanonicalFormWithSortedKeys() throws Exception {
        String canonical = ChainHash.canonical("n1", 1, 1700000000000L, "request", BODY, ChainHash.GENESIS);
        assertThat(canonical).isEqualTo("{\"body\":" + BODY + ",\"kind\":\"request\",\"node\":\"n1\",\"prev\":\""
                + "0".repeat(64) + "\",\"seq\":1,\"ts\":1700000000000}");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        assertThat(ChainHash.hash("n1", 1, 1700000000000L, "request", BODY, ChainHash.GENESIS)).isEqualTo(expected);
    }

    @Test
    void everyFieldIsCoveredByTheHash() {
        String base = ChainHash.hash("n1", 1, 5, "request", BODY, ChainHash.GENESIS);
        assertThat(ChainHash.hash("n2", 1, 5, "request", BODY, ChainHash.GENESIS)).isNotEqualTo(base);
        assertThat(ChainHash.hash("n1", 2, 5, "request", BODY, ChainHash.GENESIS)).isNotEqualTo(base);
        assertThat(ChainHash.hash("n1", 1, 6, "request", BODY, ChainHash.GENESIS)).isNotEqualTo(base);
        assertThat(ChainHash.hash("n1", 1, 5, "admin", BODY, ChainHash.GENESIS)).isNotEqualTo(base);
        assertThat(ChainHash.hash("n1", 1, 5, "request", BODY.replace("200", "201"), ChainHash.GENESIS))
                .isNotEqualTo(base);
        assertThat(ChainHash.hash("n1", 1, 5, "request", BODY, "1".repeat(64))).isNotEqualTo(base);
    }

    @Test
    void anExportedLineCanBeCheckedWithoutHearthByRemovingItsHashAndRehashing() throws Exception {
        String hash = ChainHash.hash("n1", 3, 42, "request", BODY, "a".repeat(64));
        AuditRecord record = new AuditRecord("n1", 3, 42, "request", BODY, "a".repeat(64), hash);
        String line = record.jsonLine();
        assertThat(line).startsWith("{\"body\":" + BODY + ",\"hash\":\"" + hash + "\",\"kind\":");

        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = new ObjectMapper().readValue(line, Map.class);
        Object claimed = parsed.remove("hash");
        String recomputed = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(CanonicalJson.write(parsed).getBytes(StandardCharsets.UTF_8)));
        assertThat(recomputed).isEqualTo(claimed);
    }
}
