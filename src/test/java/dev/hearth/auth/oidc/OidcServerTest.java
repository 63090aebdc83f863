package dev.hearth.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.hearth.audit.AuditRecord;
import dev.hearth.auth.AuthMode;
import dev.hearth.auth.Role;
import dev.hearth.json.Json;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.TestGateway;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Identity-provider JWTs on a real socket, against a JWK set served on loopback with keys this test generates: the
 * good token is admitted as its user, team and role; every kind of bad token is a 401 that never reaches a backend
 * and never echoes the token; key rotation is picked up without a restart.
 */
class OidcServerTest {
    private static final String ISSUER = "https://idp.test/realms/acme";
    private static final String CHAT = "{\"model\":\"local-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static RSAKey rsa;
    private static ECKey ec;
    private static RSAKey rotated;
    private static final AtomicReference<JWKSet> published = new AtomicReference<>();
    private static HttpServer jwks;
    private static FakeOpenAi upstream;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        rotated = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
        published.set(new JWKSet(List.<JWK>of(rsa.toPublicJWK(), ec.toPublicJWK())));
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/certs", exchange -> {
            byte[] body = published.get().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        OidcSettings settings = new OidcSettings(ISSUER, List.of("hearth"),
                URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/certs"), List.of("RS256", "ES256"),
                Duration.ofSeconds(30), Duration.ofMinutes(10), "preferred_username", "groups", "realm_access.roles",
                Map.of("hearth-admin", Role.ADMIN, "hearth-auditor", Role.AUDITOR));
        upstream = new FakeOpenAi("local-model");
        gateway = TestGateway.builder().openAi("local", upstream, "local-model").authMode(AuthMode.REQUIRED)
                .oidc(settings).start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
        jwks.stop(0);
    }

    private static JWTClaimsSet.Builder claims(String user, String... roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience("hearth").subject("sub-" + user)
                .claim("preferred_username", user).claim("groups", List.of("platform"))
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
    }

    private static String sign(JWSSigner signer, JWSAlgorithm algorithm, String kid, JWTClaimsSet claims)
            throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String rs256(JWTClaimsSet claims) throws JOSEException {
        return sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1", claims);
    }

    private static HttpResponse<String> chat(String token) {
        return gateway.post("/v1/chat/completions", CHAT, token);
    }

    private static JsonNode json(String text) {
        try {
            return Json.read(text);
        } catch (IOException e) {
            throw new AssertionError(text, e);
        }
    }

    private static void assertRefused(String token, String reason) {
        int before = upstream.requests().size();
        HttpResponse<String> response = chat(token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        JsonNode error = json(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("invalid_token");
        assertThat(error.path("message").asText()).contains(reason);
        assertThat(response.body()).doesNotContain(token);
        assertThat(upstream.requests()).hasSize(before);
    }

    @Test
    void aValidTokenRunsAsItsUserAndTeamAndIsAudited() throws Exception {
        HttpResponse<String> ok = chat(rs256(claims("alice").build()));

        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode record = lastRequestRecord();
        assertThat(record.path("principal").asText()).isEqualTo("token");
        assertThat(record.path("user").asText()).isEqualTo("alice");
        assertThat(record.path("team").asText()).isEqualTo("platform");
    }

    @Test
    void anEcTokenIsAcceptedWhenItsAlgorithmIsAllowed() throws Exception {
        String token = sign(new ECDSASigner(ec), JWSAlgorithm.ES256, "ec-1", claims("bob").build());
        assertThat(chat(token).statusCode()).isEqualTo(200);
    }

    @Test
    void expiredNotYetValidWrongIssuerAndWrongAudienceAreRefused() throws Exception {
        Instant now = Instant.now();
        assertRefused(rs256(claims("x").expirationTime(Date.from(now.minusSeconds(120))).build()), "expired");
        assertRefused(rs256(claims("x").notBeforeTime(Date.from(now.plusSeconds(600))).build()), "not valid yet");
        assertRefused(rs256(claims("x").issuer("https://evil.test").build()), "issuer");
        assertRefused(rs256(claims("x").audience("someone-else").build()), "aud");
    }

    @Test
    void unsignedHmacConfusionAndDisallowedAlgorithmsAreRefused() throws Exception {
        assertRefused(new PlainJWT(claims("mallory").build()).serialize(), "alg none");
        // The classic confusion: an HMAC "signature" keyed with the issuer's public RSA key.
        byte[] publicKey = rsa.toRSAPublicKey().getEncoded();
        byte[] secret = new byte[Math.max(32, publicKey.length)];
        System.arraycopy(publicKey, 0, secret, 0, publicKey.length);
        assertRefused(sign(new MACSigner(secret), JWSAlgorithm.HS256, "rsa-1", claims("mallory").build()),
                "signature");
        assertRefused(sign(new RSASSASigner(rsa), JWSAlgorithm.RS512, "rsa-1", claims("mallory").build()),
                "signature");
    }

    @Test
    void malformedAndUnknownKeyTokensAreRefused() throws Exception {
        assertRefused("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln", "well-formed");
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
        assertRefused(sign(new RSASSASigner(stranger), JWSAlgorithm.RS256, "stranger", claims("x").build()),
                "signature");
        // Signed with the right key id but another key: the signature is what counts.
        assertRefused(sign(new RSASSASigner(stranger), JWSAlgorithm.RS256, "rsa-1", claims("x").build()), "signature");
    }

    @Test
    void aRotatedKeyIsPickedUpWithoutARestart() throws Exception {
        String token = sign(new RSASSASigner(rotated), JWSAlgorithm.RS256, "rsa-2", claims("carol").build());
        assertRefused(token, "signature"); // not published yet
        published.set(new JWKSet(List.<JWK>of(rsa.toPublicJWK(), ec.toPublicJWK(), rotated.toPublicJWK())));

        // The unknown key id asks the cache for a fetch (at most one per 5 s); retry like a client would.
        int status = 0;
        for (int i = 0; i < 80 && status != 200; i++) {
            Thread.sleep(100);
            status = chat(token).statusCode();
        }
        assertThat(status).isEqualTo(200);
    }

    @Test
    void rolesFromTheTokenGovernTheAdminApi() throws Exception {
        String admin = rs256(claims("root", "hearth-admin").build());
        String auditor = rs256(claims("audra", "hearth-auditor").build());
        String member = rs256(claims("mem", "something-else").build());

        assertThat(gateway.get("/admin/keys", admin).statusCode()).isEqualTo(200);
        assertThat(gateway.get("/admin/keys", auditor).statusCode()).isEqualTo(403);
        assertThat(gateway.get("/admin/audit", auditor).statusCode()).isEqualTo(200);
        assertThat(gateway.get("/admin/keys", member).statusCode()).isEqualTo(403);
        assertThat(gateway.get("/admin/audit", member).statusCode()).isEqualTo(403);
        HttpResponse<String> created = gateway.send(HttpRequest.newBuilder(gateway.uri("/admin/keys"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"made-by-sso-admin\"}")).build());
        assertThat(created.statusCode()).isEqualTo(201);
    }

    private static JsonNode lastRequestRecord() {
        List<AuditRecord> records = new ArrayList<>(gateway.server().gateway().governance().auditReader().recent(20));
        for (AuditRecord record : records) {
            JsonNode body = json(record.body());
            if (record.kind().equals("request") && body.path("path").asText().equals("/v1/chat/completions")) {
                return body;
            }
        }
        throw new AssertionError("no chat request record among " + records.size());
    }
}
