package com.quota.authserver;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.quota.localstack.token.TokenClient;
import com.quota.testsupport.postgres.TestDatabase;
import com.quota.testsupport.postgres.TestPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * One running auth-server per test JVM (every IT extends this, so Spring caches one context) on its own
 * database of the embedded PostgreSQL, and helpers to talk to it over real HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "quota.auth.issuer=" + AuthServerITBase.ISSUER,
        "quota.auth.access-token-ttl=2m",
        "quota.auth.client-secrets.erp-finance=" + AuthServerITBase.ERP_SECRET,
})
public abstract class AuthServerITBase {

    public static final String ISSUER = "http://auth.quota.test";
    public static final String ERP_SECRET = "erp-configured-secret";
    public static final String PASSWORD = "quota-demo";
    public static final String ADMIN_CLIENT = "quota-admin";
    public static final String ADMIN_SECRET = "quota-admin-secret";
    public static final List<String> CRM_SCOPES = List.of("opportunities.write", "accounts.write", "org.read");

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final TokenClient TOKENS = new TokenClient();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** The database of the cached context; a second application context may open it too. */
    protected static volatile TestDatabase database;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        database = TestPostgres.registerNewDatabase(registry, "auth");
    }

    protected String base() {
        return "http://localhost:" + port;
    }

    protected String crmToken() {
        return TOKENS.clientCredentials(base(), "crm-sync", "crm-sync-secret", CRM_SCOPES.toArray(String[]::new));
    }

    protected String adminClientToken() {
        return TOKENS.clientCredentials(base(), ADMIN_CLIENT, ADMIN_SECRET);
    }

    protected static HttpResponse<String> get(String url, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build());
    }

    protected static HttpResponse<String> post(String url, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build());
    }

    protected static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    protected static JWTClaimsSet claims(String jwt) {
        try {
            return SignedJWT.parse(jwt).getJWTClaimsSet();
        } catch (java.text.ParseException e) {
            throw new AssertionError("not a JWT", e);
        }
    }

    protected static String kid(String jwt) {
        try {
            return SignedJWT.parse(jwt).getHeader().getKeyID();
        } catch (java.text.ParseException e) {
            throw new AssertionError("not a JWT", e);
        }
    }

    protected static JWKSet jwks(String base) {
        HttpResponse<String> response = get(base + "/oauth2/jwks", null);
        try {
            return JWKSet.parse(response.body());
        } catch (java.text.ParseException e) {
            throw new AssertionError("not a JWK set: " + response.statusCode(), e);
        }
    }

    /** True when the JWKS of the server at {@code base} has the token's kid and that key verifies it. */
    protected static boolean verifiesAgainstJwks(String jwt, String base) {
        try {
            JWSObject jws = JWSObject.parse(jwt);
            JWK key = jwks(base).getKeyByKeyId(jws.getHeader().getKeyID());
            return key instanceof RSAKey rsa && jws.verify(new RSASSAVerifier(rsa));
        } catch (java.text.ParseException | com.nimbusds.jose.JOSEException e) {
            throw new AssertionError(e);
        }
    }
}
