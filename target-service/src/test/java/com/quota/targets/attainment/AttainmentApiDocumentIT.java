package com.quota.targets.attainment;

import com.quota.targets.AbstractTargetServiceIT;
import org.junit.jupiter.api.Test;

/** Every attainment endpoint is in the OpenAPI document the gateway's Swagger UI reads. */
class AttainmentApiDocumentIT extends AbstractTargetServiceIT {

    @Test
    void theOpenApiDocumentListsEveryAttainmentEndpoint() {
        client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/attainment/{ownerKind}/{ownerId}'].get").exists()
                .jsonPath("$.paths['/api/attainment/units/{unitId}/children'].get").exists()
                .jsonPath("$.paths['/api/attainment/{ownerKind}/{ownerId}/series'].get").exists()
                .jsonPath("$.paths['/api/attainment/{ownerKind}/{ownerId}/lines'].get").exists()
                .jsonPath("$.paths['/api/attainment/source-events/{eventId}'].get").exists()
                .jsonPath("$.paths['/api/attainment/rederivations'].post").exists()
                .jsonPath("$.paths['/api/attainment/ledger-check'].get").exists()
                .jsonPath("$.paths['/api/attainment/pace-evaluations'].post").exists()
                .jsonPath("$.paths['/api/attainment/alert-settings'].get").exists()
                .jsonPath("$.paths['/api/attainment/alert-settings'].put").exists()
                .jsonPath("$.paths['/api/attainment/alerts'].get").exists()
                .jsonPath("$.paths['/api/attainment/stream'].get").exists()
                .jsonPath("$.paths['/api/attainment/rebuilds'].post").exists();
    }

    @Test
    void theAttainmentQueriesListTheirParametersNotTheMapTheHandlersReadThemFrom() {
        client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/attainment/{ownerKind}/{ownerId}'].get.parameters[?(@.name == 'metric')].required")
                .isEqualTo(true)
                .jsonPath("$.paths['/api/attainment/{ownerKind}/{ownerId}'].get.parameters[?(@.name == 'period')]").exists()
                .jsonPath("$.paths['/api/attainment/{ownerKind}/{ownerId}/series'].get.parameters[?(@.name == 'fiscalYear')]").exists()
                .jsonPath("$.paths['/api/attainment/units/{unitId}/children'].get.parameters[?(@.name == 'sort')]").exists()
                .jsonPath("$.paths['/api/attainment/{ownerKind}/{ownerId}/lines'].get.parameters[?(@.name == 'size')]").exists()
                .jsonPath("$.paths..parameters[?(@.name == 'params')]").isEmpty()
                .jsonPath("$.paths..parameters[?(@.name == 'caller')]").isEmpty();
    }
}
