package com.quota.performance;

import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who may read and write the catalogue families (KPI measures and definitions, scorecard templates, commission
 * plans): every person reads; an INTEGRATION client reads with {@code performance.read} only; only ADMIN and
 * DIRECTOR write; every refusal is a 403 problem. (Rep-, unit- and statement-scoped families are in ScorecardIT,
 * TeamScorecardIT and CommissionIT.)
 */
class CatalogueScopeIT extends AbstractPerformanceServiceIT {

    private static final List<String> READS = List.of("/api/kpis/measures", "/api/kpis/definitions", "/api/scorecards/templates",
            "/api/commissions/plans");

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    @Test
    void everyPersonAndAReadingClientReadTheCatalogueAClientWithoutTheScopeDoesNot() {
        List<String> readers = List.of(TestTokens.rep(UUID.randomUUID()), TestTokens.manager(UUID.randomUUID()),
                TestTokens.director(UUID.randomUUID()), TestTokens.admin(), TestTokens.integration("hr-sync", "performance.read"));
        for (String path : READS) {
            for (String token : readers) {
                client.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange().expectStatus().isOk();
            }
            client.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.integration("crm-sync", "opportunities.write")))
                    .exchange().expectStatus().isForbidden()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        UUID unknown = UUID.randomUUID();
        client.get().uri("/api/scorecards/templates/{id}", unknown)
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.integration("hr-sync", "performance.read")))
                .exchange().expectStatus().isNotFound();
        client.get().uri("/api/commissions/plans/{id}", unknown)
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.integration("hr-sync"))).exchange().expectStatus().isForbidden();
    }

    @Test
    void onlyAdminsAndDirectorsWriteTheCatalogueNotRepsManagersOrClientsEvenWithTheReadScope() {
        List<String> refused = List.of(TestTokens.rep(UUID.randomUUID()), TestTokens.manager(UUID.randomUUID()),
                TestTokens.integration("hr-sync", "performance.read"));
        Map<String, Object> kpi = Map.of("code", "REFUSED", "name", "x", "measure", "WIN_RATE",
                "rule", Map.of("type", "LINEAR", "threshold", "0", "target", "100", "cap", "120"));
        for (String token : refused) {
            client.post().uri("/api/kpis/definitions").header(HttpHeaders.AUTHORIZATION, bearer(token))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(kpi).exchange().expectStatus().isForbidden()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
            client.post().uri("/api/scorecards/templates").header(HttpHeaders.AUTHORIZATION, bearer(token))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "x", "role", "REP", "kpis", List.of()))
                    .exchange().expectStatus().isForbidden();
            client.put().uri("/api/scorecards/templates/{id}", UUID.randomUUID()).header(HttpHeaders.AUTHORIZATION, bearer(token))
                    .header(HttpHeaders.IF_MATCH, "\"0\"")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "x", "role", "REP", "kpis", List.of()))
                    .exchange().expectStatus().isForbidden();
            client.post().uri("/api/commissions/plans").header(HttpHeaders.AUTHORIZATION, bearer(token))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "x")).exchange().expectStatus().isForbidden();
            client.put().uri("/api/commissions/plans/{id}", UUID.randomUUID()).header(HttpHeaders.AUTHORIZATION, bearer(token))
                    .header(HttpHeaders.IF_MATCH, "\"0\"")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "x")).exchange().expectStatus().isForbidden();
            client.get().uri("/api/commissions/plans/{id}/audit", UUID.randomUUID()).header(HttpHeaders.AUTHORIZATION, bearer(token))
                    .exchange().expectStatus().isForbidden();
            client.post().uri("/api/commissions/plans/{id}/assignments", UUID.randomUUID()).header(HttpHeaders.AUTHORIZATION, bearer(token))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("repId", UUID.randomUUID().toString(), "effectiveFrom", "2026-01-01"))
                    .exchange().expectStatus().isForbidden();
        }
        // the refused KPI was never stored
        client.get().uri("/api/kpis/definitions").header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.admin())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[?(@.code == 'REFUSED')]").doesNotExist();
    }
}
