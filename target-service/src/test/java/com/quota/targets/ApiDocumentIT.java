package com.quota.targets;

import org.junit.jupiter.api.Test;

/** Every endpoint of the org tree and the targets is in the OpenAPI document the gateway's Swagger UI reads. */
class ApiDocumentIT extends AbstractTargetServiceIT {

    @Test
    void theOpenApiDocumentListsEveryEndpoint() {
        client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/org/units/{id}'].put").exists()
                .jsonPath("$.paths['/api/org/units/{id}/subtree'].get").exists()
                .jsonPath("$.paths['/api/org/units/{id}/ancestors'].get").exists()
                .jsonPath("$.paths['/api/org/units/{id}/deactivation'].post").exists()
                .jsonPath("$.paths['/api/org/reps/{id}'].put").exists()
                .jsonPath("$.paths['/api/org/reps/{id}/moves'].post").exists()
                .jsonPath("$.paths['/api/org/reps/{id}/managers'].get").exists()
                .jsonPath("$.paths['/api/org/reps/{id}/audit'].get").exists()
                .jsonPath("$.paths['/api/targets'].post").exists()
                .jsonPath("$.paths['/api/targets'].get").exists()
                .jsonPath("$.paths['/api/targets/{id}'].get").exists()
                .jsonPath("$.paths['/api/targets/{id}/publish'].post").exists()
                .jsonPath("$.paths['/api/targets/{id}/revisions'].post").exists()
                .jsonPath("$.paths['/api/targets/{id}/allocations'].post").exists()
                .jsonPath("$.paths['/api/targets/{id}/distribution'].post").exists()
                .jsonPath("$.paths['/api/targets/{id}/bottom-up'].get").exists()
                .jsonPath("$.paths['/api/targets/{id}/audit'].get").exists()
                .jsonPath("$.paths['/api/targets/settings'].put").exists()
                .jsonPath("$.paths['/api/targets/import'].post").exists()
                .jsonPath("$.paths['/api/targets/export.csv'].get").exists()
                .jsonPath("$.paths['/api/targets/historical-actuals'].post").exists()
                .jsonPath("$.paths['/api/targets/profiles/{id}'].delete").exists();
    }
}
