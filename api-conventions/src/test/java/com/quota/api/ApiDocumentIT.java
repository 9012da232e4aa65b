package com.quota.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document lists what a client sends, not what the server resolves for itself. */
class ApiDocumentIT extends AbstractApiConventionsIT {

    @Test
    void theCallerResolvedFromTheTokenIsNotDocumentedAsAQueryParameter() {
        client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/deals/{id}'].put.parameters[?(@.name == 'id')]").exists()
                .jsonPath("$.paths['/api/deals/{id}'].put.parameters[?(@.name == 'caller')]").doesNotExist()
                .jsonPath("$.paths['/api/deals'].post.requestBody").exists()
                .jsonPath("$.paths['/api/deals'].post.parameters[?(@.name == 'caller')]").doesNotExist()
                .consumeWith(result -> assertThat(new String(result.getResponseBody())).doesNotContain("\"caller\""));
    }
}
