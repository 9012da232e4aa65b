package com.quota.testsupport.service;

import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Health probes, Prometheus metrics and the OpenAPI document are served, open, without a token. */
public interface ServiceOperationalEndpointsContract extends RunningService {

    /** Paths the OpenAPI document must describe a GET for; empty when the service has no API of its own yet. */
    List<String> documentedGetPaths();

    @Test
    default void healthIsUpAndShowsAnonymousCallersNoDetails() {
        client().get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components").doesNotExist()
                .jsonPath("$.groups").isArray();
    }

    @Test
    default void livenessAndReadinessProbesAreUp() {
        client().get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        client().get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    default void readinessWaitsForTheDatabaseButNotForKafka(@Autowired HealthEndpointGroups healthGroups) {
        // the groups are checked in-process: the open health path never reads a token, so no caller sees details
        assertThat(healthGroups.get("readiness").isMember("readinessState")).isTrue();
        assertThat(healthGroups.get("readiness").isMember("r2dbc")).isTrue();
        // a broker outage must not take every pod out of service: the outbox takes the writes meanwhile
        assertThat(healthGroups.get("readiness").isMember("kafka")).isFalse();
        assertThat(healthGroups.getPrimary().isMember("kafka")).isTrue();
        assertThat(healthGroups.get("liveness").isMember("livenessState")).isTrue();
        assertThat(healthGroups.get("liveness").isMember("r2dbc")).isFalse();
    }

    @Test
    default void prometheusServesMetricsTaggedWithTheApplication() {
        client().get().uri("/actuator/health").exchange().expectStatus().isOk(); // at least one timed request
        String text = client().mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024)).build()
                .get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectHeader().value(HttpHeaders.CONTENT_TYPE, type -> assertThat(type).startsWith("text/plain"))
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(text).contains("jvm_memory_used_bytes").contains("application=\"" + serviceName() + "\"")
                .contains("http_server_requests_seconds_bucket");
    }

    @Test
    default void openApiDocumentDescribesTheServiceAndItsBearerScheme() {
        WebTestClient.BodyContentSpec document = client().get().uri("/v3/api-docs").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.openapi").value(v -> assertThat((String) v).startsWith("3."))
                .jsonPath("$.info.title").isEqualTo("Quota " + serviceName())
                .jsonPath("$.info.description").isNotEmpty()
                .jsonPath("$.components.securitySchemes.bearer-jwt.type").isEqualTo("http")
                .jsonPath("$.components.securitySchemes.bearer-jwt.scheme").isEqualTo("bearer")
                .jsonPath("$.security[0].bearer-jwt").isArray();
        documentedGetPaths().forEach(path -> document.jsonPath("$.paths['" + path + "'].get").exists());
    }

    @Test
    default void infoNamesTheApplicationWithoutAToken() {
        client().get().uri("/actuator/info").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.app.name").isEqualTo(serviceName());
    }

    @Test
    default void openPathsIgnoreAStaleToken() {
        client().get().uri("/actuator/health").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.expired())
                .exchange()
                .expectStatus().isOk();
    }
}
