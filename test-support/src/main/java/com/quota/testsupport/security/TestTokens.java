package com.quota.testsupport.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Real RS256 tokens for integration tests, signed by a test issuer whose JWKS is served over HTTP on a
 * free local port. Apps under test validate them exactly as they validate auth-server's tokens, so
 * security stays on in every test.
 */
public final class TestTokens {

    /** The issuer every test token carries. */
    public static final String ISSUER = "http://quota-test-issuer";
    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private static final RSAKey KEY = generateKey("test-key-1");
    private static final RSAKey STRANGER = generateKey("test-key-1"); // same kid, other key: a forgery
    private static final String JWK_SET_URI = serveJwkSet();

    private TestTokens() {
    }

    /** Points an app's resource-server configuration at the test issuer. */
    public static void registerResourceServer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> JWK_SET_URI);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER);
    }

    public static String jwkSetUri() {
        return JWK_SET_URI;
    }

    public static String admin() {
        return user("admin", null, "ADMIN");
    }

    public static String director(UUID repId) {
        return user("director-" + repId, repId, "DIRECTOR");
    }

    public static String manager(UUID repId) {
        return user("manager-" + repId, repId, "MANAGER");
    }

    public static String rep(UUID repId) {
        return user("rep-" + repId, repId, "REP");
    }

    /** A machine client's token (client credentials): role INTEGRATION and its scopes. */
    public static String integration(String clientId, String... scopes) {
        return sign(KEY, claims(clientId, ISSUER, Instant.now())
                .claim("roles", List.of("INTEGRATION"))
                .claim("scope", String.join(" ", scopes))
                .build());
    }

    /** Any roles, including ones outside the five the product knows. */
    public static String withRoles(UUID repIdOrNull, String... roles) {
        return user("user-with-roles", repIdOrNull, roles);
    }

    public static String expired() {
        return sign(KEY, claims("rep-expired", ISSUER, Instant.now().minus(Duration.ofHours(1)))
                .claim("roles", List.of("REP")).claim("rep_id", UUID.randomUUID().toString()).build());
    }

    /** Signed by a key the issuer never published (same kid), as a forger would. */
    public static String signedByStranger() {
        return sign(STRANGER, claims("forger", ISSUER, Instant.now()).claim("roles", List.of("ADMIN")).build());
    }

    public static String wrongIssuer() {
        return sign(KEY, claims("elsewhere", "http://some-other-issuer", Instant.now())
                .claim("roles", List.of("ADMIN")).build());
    }

    private static String user(String sub, UUID repId, String... roles) {
        JWTClaimsSet.Builder claims = claims(sub, ISSUER, Instant.now()).claim("roles", List.of(roles));
        if (repId != null) {
            claims.claim("rep_id", repId.toString());
        }
        return sign(KEY, claims.build());
    }

    private static JWTClaimsSet.Builder claims(String sub, String issuer, Instant issuedAt) {
        return new JWTClaimsSet.Builder()
                .subject(sub)
                .issuer(issuer)
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generateKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String serveJwkSet() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/oauth2/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.setExecutor(null);
            server.start();
            // daemon-like: the JDK server's dispatcher thread is non-daemon, so stop it when the JVM exits
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "test-jwks-stop"));
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/jwks";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the test JWKS", e);
        }
    }
}
