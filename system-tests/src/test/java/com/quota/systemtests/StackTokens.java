package com.quota.systemtests;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.quota.localstack.LocalStackRunner;
import com.quota.localstack.apps.App;
import com.quota.localstack.demo.DemoCompany;
import com.quota.localstack.demo.DemoCompanyReader;
import com.quota.localstack.token.TokenClient;

import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Tokens for the running stack: real ones from auth-server (PKCE login, client credentials), and bad ones that
 * only a test needs (expired, unknown role, other issuer) signed with auth-server's own active key, so that the
 * only thing wrong with them is the thing under test.
 */
public final class StackTokens {

    static final String DEMO_PASSWORD = "quota-demo";
    public static final DemoCompany DEMO = DemoCompanyReader.read();
    private static final TokenClient TOKENS = new TokenClient(Duration.ofSeconds(30));

    private StackTokens() {
    }

    public static String user(String username) {
        return TOKENS.userToken(authServer(), username, DEMO_PASSWORD);
    }

    public static String integration(String clientId, String... scopes) {
        return TOKENS.clientCredentials(authServer(), clientId, clientId + "-secret", scopes);
    }

    /** auth-server's own admin client, for its admin endpoints. */
    static String integrationAdmin() {
        return TOKENS.clientCredentials(authServer(), "quota-admin", "quota-admin-secret");
    }

    /** The token endpoint's status for a client-credentials request of this integration. */
    static int tokenEndpointStatus(String clientId) {
        try {
            TOKENS.clientCredentials(authServer(), clientId, clientId + "-secret");
            return 200;
        } catch (com.quota.localstack.token.TokenRequestException e) {
            return e.status();
        }
    }

    public static UUID personId(String username) {
        return DEMO.people().stream().filter(p -> p.username().equals(username)).findFirst().orElseThrow().id();
    }

    static String expired() {
        Instant issued = Instant.now().minus(Duration.ofHours(1));
        return signWithStackKey(claims(issuer(), issued, issued.plus(Duration.ofMinutes(5)), List.of("REP")));
    }

    static String withRoles(String... roles) {
        return signWithStackKey(claims(issuer(), Instant.now(), Instant.now().plusSeconds(300), List.of(roles)));
    }

    static String fromOtherIssuer() {
        return signWithStackKey(claims("http://issuer.elsewhere.example", Instant.now(), Instant.now().plusSeconds(300),
                List.of("ADMIN")));
    }

    static String issuer() {
        return RunningStack.get().options().issuerUri().toString();
    }

    private static String authServer() {
        return RunningStack.get().options().baseUri(App.AUTH_SERVER).toString();
    }

    private static JWTClaimsSet claims(String issuer, Instant issued, Instant expires, List<String> roles) {
        return new JWTClaimsSet.Builder().subject("rep.li").issuer(issuer)
                .issueTime(Date.from(issued)).notBeforeTime(Date.from(issued)).expirationTime(Date.from(expires))
                .claim("roles", roles).claim("rep_id", personId("rep.li").toString()).build();
    }

    private static String signWithStackKey(JWTClaimsSet claims) {
        LocalStackRunner stack = RunningStack.get();
        try (Connection c = DriverManager.getConnection(stack.options().jdbcUrl("auth"), "postgres", "postgres");
             ResultSet rs = c.createStatement().executeQuery(
                     "select kid, private_key from signing_key where status = 'ACTIVE'")) {
            rs.next();
            RSAPrivateKey key = (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(rs.getBytes("private_key")));
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rs.getString("kid"))
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException | java.security.GeneralSecurityException | java.sql.SQLException e) {
            throw new IllegalStateException("cannot sign a test token with the stack's key", e);
        }
    }
}
