package com.quota.authserver.client;

import com.quota.authserver.AuthServerITBase;
import com.quota.localstack.token.TokenRequestException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAdministrationIT extends AuthServerITBase {

    private String clients() {
        return base() + "/admin/clients";
    }

    @Test
    void disabledClientGetsNoTokenAndReEnabledGetsOneAgain() {
        String admin = adminClientToken();
        assertThat(crmToken()).isNotBlank();

        HttpResponse<String> disabled = post(clients() + "/crm-sync/disable", admin);
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(json(disabled).get("enabled").asBoolean()).isFalse();
        try {
            assertThatThrownBy(this::crmToken).isInstanceOfSatisfying(TokenRequestException.class, e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.error()).isEqualTo("invalid_client");
            });
            assertThat(json(get(clients() + "/crm-sync", admin)).get("enabled").asBoolean()).isFalse();
        } finally {
            HttpResponse<String> enabled = post(clients() + "/crm-sync/enable", admin);
            assertThat(enabled.statusCode()).isEqualTo(200);
            assertThat(json(enabled).get("enabled").asBoolean()).isTrue();
        }
        assertThat(crmToken()).isNotBlank();
    }

    @Test
    void disabledPublicClientCannotSignUsersIn() {
        String admin = adminClientToken();
        assertThat(post(clients() + "/quota-cli/disable", admin).statusCode()).isEqualTo(200);
        try {
            assertThatThrownBy(() -> TOKENS.userToken(base(), "rep.li", PASSWORD))
                    .isInstanceOfSatisfying(TokenRequestException.class, e -> assertThat(e.status()).isEqualTo(400));
        } finally {
            assertThat(post(clients() + "/quota-cli/enable", admin).statusCode()).isEqualTo(200);
        }
        assertThat(TOKENS.userToken(base(), "rep.li", PASSWORD)).isNotBlank();
    }

    @Test
    void adminUserMayAdministerClientsToo() {
        String adminUser = TOKENS.userToken(base(), "admin", PASSWORD);

        HttpResponse<String> list = get(clients(), adminUser);

        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode body = json(list);
        assertThat(body.findValuesAsString("clientId"))
                .contains("quota-web", "quota-cli", "quota-admin", "crm-sync", "erp-finance");
        assertThat(list.body()).doesNotContain("secret");
    }

    @Test
    void adminApiWithoutTokenAnswers401Problem() {
        HttpResponse<String> response = post(clients() + "/crm-sync/disable", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(json(response).get("type").asString()).isEqualTo("https://quota.example/problems/unauthorized");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void adminApiRefusesNonAdminsWith403AndChangesNothing() {
        String rep = TOKENS.userToken(base(), "rep.li", PASSWORD);

        HttpResponse<String> byRep = post(clients() + "/crm-sync/disable", rep);
        HttpResponse<String> byIntegration = post(clients() + "/crm-sync/disable", crmToken());

        assertThat(byRep.statusCode()).isEqualTo(403);
        assertThat(json(byRep).get("type").asString()).isEqualTo("https://quota.example/problems/forbidden");
        assertThat(byIntegration.statusCode()).isEqualTo(403);
        assertThat(crmToken()).isNotBlank();
    }

    @Test
    void tokenFromAnotherIssuerIsRefused() {
        HttpResponse<String> response = get(clients(), com.quota.testsupport.security.TestTokens.admin());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void unknownClientAnswers404Problem() {
        HttpResponse<String> response = post(clients() + "/no-such-client/disable", adminClientToken());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("type").asString()).isEqualTo("https://quota.example/problems/client-not-found");
    }
}
