package com.quota.systemtests;

import com.quota.localstack.apps.App;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Every app is up and observable, checked through the front door as operations teams would. */
@Order(1)
class StackHealthIT {

    @ParameterizedTest
    @ValueSource(strings = {"target", "pipeline", "contract", "performance", "auth"})
    void everyAppIsHealthyThroughTheGatewayAndShowsOnlyItsStatus(String service) {
        HttpResponse<String> response = Http.get(RunningStack.gateway("/health/" + service));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).get("status").asString()).isEqualTo("UP");
        assertThat(Http.json(response).has("components")).as("no details through the front door").isFalse();
    }

    @Test
    void gatewayHealthIsUpWithoutAToken() {
        HttpResponse<String> response = Http.get(RunningStack.gateway("/actuator/health"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).get("status").asString()).isEqualTo("UP");
    }

    @ParameterizedTest
    @EnumSource(App.class)
    void everyAppServesPrometheusMetrics(App app) {
        HttpResponse<String> response = Http.get(RunningStack.uri(app, "/actuator/prometheus"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("# TYPE jvm_memory_used_bytes gauge");
    }

    @ParameterizedTest
    @EnumSource(value = App.class, names = {"TARGET_SERVICE", "PIPELINE_SERVICE", "CONTRACT_SERVICE", "PERFORMANCE_SERVICE"})
    void everyServiceIsReadyWithItsDatabaseAndKafka(App app) {
        HttpResponse<String> response = Http.get(RunningStack.uri(app, "/actuator/health/readiness"), StackTokens.user("admin"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).get("status").asString()).isEqualTo("UP");
    }

    @Test
    void swaggerUiListsTheApiDocsOfEveryService() {
        HttpResponse<String> config = Http.get(RunningStack.gateway("/v3/api-docs/swagger-config"));

        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("target", "pipeline", "contract", "performance");
        for (String service : new String[] {"target", "pipeline", "contract", "performance"}) {
            HttpResponse<String> docs = Http.get(RunningStack.gateway("/v3/api-docs/" + service));
            assertThat(docs.statusCode()).as(service).isEqualTo(200);
            assertThat(Http.json(docs).get("openapi").asString()).as(service).startsWith("3.");
        }
    }
}
