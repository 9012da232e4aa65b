package com.quota.performance.kpi;

import com.quota.performance.AbstractPerformanceServiceIT;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import java.util.UUID;

class KpiMeasuresIT extends AbstractPerformanceServiceIT {

    @Test
    void anyPersonReadsTheMeasureCatalogueWithDirectionAndSource() {
        client.get().uri("/api/kpis/measures").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.rep(UUID.randomUUID()))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(KpiMeasure.values().length)
                .jsonPath("$[?(@.code == 'COST_RATIO')].usualDirection").isEqualTo("LOWER_IS_BETTER")
                .jsonPath("$[?(@.code == 'TEAMWORK')].managerEntered").isEqualTo(true);
    }

    @Test
    void theCatalogueIsInTheOpenApiDocument() {
        client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/api/kpis/measures'].get").exists();
    }
}
