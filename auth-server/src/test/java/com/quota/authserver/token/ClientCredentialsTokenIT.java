package com.quota.authserver.token;

import com.nimbusds.jwt.JWTClaimsSet;
import com.quota.authserver.AuthServerITBase;
import com.quota.localstack.token.TokenRequestException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ClientCredentialsTokenIT extends AuthServerITBase {

    @Test
    void integrationTokenCarriesRoleIntegrationAndTheGrantedScopes() throws Exception {
        JWTClaimsSet claims = claims(crmToken());

        assertThat(claims.getSubject()).isEqualTo("crm-sync");
        assertThat(claims.getStringListClaim("roles")).containsExactly("INTEGRATION");
        assertThat(Arrays.asList(claims.getStringClaim("scope").split(" "))).containsExactlyInAnyOrderElementsOf(CRM_SCOPES);
        assertThat(claims.getClaim("rep_id")).isNull();
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
    }

    @Test
    void anIssuedTokenIsReadBackFromItsStoredAuthorizationByIntrospection() {
        String token = crmToken();
        String basic = java.util.Base64.getEncoder().encodeToString("crm-sync:crm-sync-secret".getBytes());

        java.net.http.HttpResponse<String> response = send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(base() + "/oauth2/introspect"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("token=" + token)).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("active").asBoolean()).isTrue();
        assertThat(json(response).get("roles").toString()).contains("INTEGRATION");
    }

    @Test
    void tokenLivesNoLongerThanTheConfiguredLifetime() {
        JWTClaimsSet claims = claims(crmToken());

        Duration lifetime = Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant());
        assertThat(lifetime).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(2)); // quota.auth.access-token-ttl=2m
    }

    @Test
    void wrongSecretGetsInvalidClient() {
        TokenRequestException e = catchThrowableOfType(TokenRequestException.class,
                () -> TOKENS.clientCredentials(base(), "crm-sync", "not-the-secret", "org.read"));
        assertThat(e).as("no token").isNotNull();

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.error()).isEqualTo("invalid_client");
    }

    @Test
    void configuredSecretReplacesTheDefaultOne() throws Exception {
        String token = TOKENS.clientCredentials(base(), "erp-finance", ERP_SECRET, "payments.write");
        assertThat(claims(token).getStringClaim("scope")).isEqualTo("payments.write");

        TokenRequestException e = catchThrowableOfType(TokenRequestException.class,
                () -> TOKENS.clientCredentials(base(), "erp-finance", "erp-finance-secret", "payments.write"));
        assertThat(e).as("no token").isNotNull();
        assertThat(e.status()).isEqualTo(401);
    }

    @Test
    void scopeTheClientWasNotGivenIsRefused() {
        TokenRequestException e = catchThrowableOfType(TokenRequestException.class,
                () -> TOKENS.clientCredentials(base(), "crm-sync", "crm-sync-secret", "contracts.write"));
        assertThat(e).as("no token").isNotNull();

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.error()).isEqualTo("invalid_scope");
    }

    @Test
    void adminClientTokenCarriesRoleAdmin() {
        JWTClaimsSet claims = claims(adminClientToken());

        assertThat(claims.getSubject()).isEqualTo(ADMIN_CLIENT);
        assertThat(claims.getClaim("roles")).isEqualTo(java.util.List.of("ADMIN"));
        assertThat(claims.getClaim("rep_id")).isNull();
    }

    @Test
    void unknownClientGetsInvalidClient() {
        TokenRequestException e = catchThrowableOfType(TokenRequestException.class,
                () -> TOKENS.clientCredentials(base(), "no-such-client", "x"));
        assertThat(e).as("no token").isNotNull();

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.error()).isEqualTo("invalid_client");
    }
}
