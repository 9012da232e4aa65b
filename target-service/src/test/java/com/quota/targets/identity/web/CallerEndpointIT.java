package com.quota.targets.identity.web;

import com.quota.targets.AbstractTargetServiceIT;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.UUID;

/** {@code GET /api/org/me} tells a front end (and the system tests) who the token belongs to. */
class CallerEndpointIT extends AbstractTargetServiceIT {

    @Test
    void repSeesTheirRepId() {
        UUID repId = UUID.randomUUID();
        client.get().uri("/api/org/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.rep(repId))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.sub").isEqualTo("rep-" + repId)
                .jsonPath("$.roles").isEqualTo(List.of("REP"))
                .jsonPath("$.repId").isEqualTo(repId.toString())
                .jsonPath("$.scopes").isEmpty();
    }

    @Test
    void integrationClientSeesItsRoleAndScopes() {
        client.get().uri("/api/org/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.integration("crm-sync", "opportunities.write", "accounts.read"))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.sub").isEqualTo("crm-sync")
                .jsonPath("$.roles").isEqualTo(List.of("INTEGRATION"))
                .jsonPath("$.repId").isEmpty()
                .jsonPath("$.scopes").isEqualTo(List.of("accounts.read", "opportunities.write"));
    }

    @Test
    void adminHasNoRepId() {
        client.get().uri("/api/org/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.roles").isEqualTo(List.of("ADMIN"))
                .jsonPath("$.repId").isEmpty();
    }
}
