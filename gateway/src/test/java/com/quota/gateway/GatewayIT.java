package com.quota.gateway;

import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "quota.gateway.rate-limit.capacity=40",
                "quota.gateway.rate-limit.refill-tokens=40",
                "quota.gateway.rate-limit.refill-period=10m",
                "quota.gateway.resilience.timeout=5s"})
@AutoConfigureWebTestClient
class GatewayIT {

    private static final String PROBLEMS = "https://quota.example/problems/";

    static final RecordingBackend TARGET = new RecordingBackend("target").start();
    static final RecordingBackend PIPELINE = new RecordingBackend("pipeline").start();
    static final RecordingBackend CONTRACT = new RecordingBackend("contract").start();
    static final RecordingBackend PERFORMANCE = new RecordingBackend("performance").start();
    static final List<RecordingBackend> ALL = List.of(TARGET, PIPELINE, CONTRACT, PERFORMANCE);

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        TestTokens.registerResourceServer(registry);
        registry.add("quota.services.target-uri", TARGET::uri);
        registry.add("quota.services.pipeline-uri", PIPELINE::uri);
        registry.add("quota.services.contract-uri", CONTRACT::uri);
        registry.add("quota.services.performance-uri", PERFORMANCE::uri);
        registry.add("quota.services.auth-uri", () -> "http://127.0.0.1:" + portNobodyListensOn());
    }

    @AfterAll
    static void stopBackends() {
        ALL.forEach(RecordingBackend::stop);
    }

    @Test
    void everyApiPathReachesItsServiceWithTheAuthorizationHeaderRelayed() {
        Map<String, RecordingBackend> routes = Map.ofEntries(
                Map.entry("/api/targets", TARGET), Map.entry("/api/org/units", TARGET),
                Map.entry("/api/attainment/reps/1", TARGET),
                Map.entry("/api/pipelines", PIPELINE), Map.entry("/api/opportunities/1", PIPELINE),
                Map.entry("/api/accounts", PIPELINE), Map.entry("/api/forecast", PIPELINE),
                Map.entry("/api/fx-rates", PIPELINE),
                Map.entry("/api/contracts/1", CONTRACT),
                Map.entry("/api/kpis", PERFORMANCE), Map.entry("/api/scorecards/leaderboards", PERFORMANCE),
                Map.entry("/api/commissions/statements", PERFORMANCE));
        String token = TestTokens.rep(UUID.randomUUID());
        routes.forEach((path, backend) -> {
            client.get().uri(path + "?asOf=2026-03-31").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.service").isEqualTo(nameOf(backend));
            assertThat(backend.seen(path)).as(path).last()
                    .satisfies(seen -> assertThat(seen.authorization()).isEqualTo("Bearer " + token));
        });
    }

    @Test
    void postReachesItsServiceWithItsBody() {
        client.post().uri("/api/opportunities").headers(h -> h.setBearerAuth(TestTokens.rep(UUID.randomUUID())))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"Deal\"}").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo("pipeline").jsonPath("$.bodyLength").isEqualTo(15);
    }

    @Test
    void requestWithoutTokenIsRefusedAtTheGatewayAndNeverReachesTheService() {
        client.get().uri("/api/targets/no-token").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists(HttpHeaders.WWW_AUTHENTICATE)
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "unauthorized")
                .jsonPath("$.instance").isEqualTo("/api/targets/no-token");
        assertThat(TARGET.seen("/api/targets/no-token")).isEmpty();
    }

    @Test
    void badTokensAreRefusedAtTheGateway() {
        List<String> badTokens = List.of("garbage.token.here", TestTokens.expired(), TestTokens.signedByStranger(),
                TestTokens.wrongIssuer(), TestTokens.withRoles(UUID.randomUUID(), "ROOT"));
        for (String token : badTokens) {
            client.get().uri("/api/contracts/bad-token").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "unauthorized");
        }
        assertThat(CONTRACT.seen("/api/contracts/bad-token")).isEmpty();
    }

    @Test
    void healthThroughTheGatewayShowsOnlyTheStatusAndNeedsNoToken() {
        for (String service : List.of("target", "pipeline", "contract", "performance")) {
            String body = client.get().uri("/health/" + service).exchange()
                    .expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(body).as(service).isEqualTo("{\"status\":\"UP\"}");
        }
        assertThat(TARGET.seen("/actuator/health")).last()
                .satisfies(seen -> assertThat(seen.authorization()).isNull());
    }

    @Test
    void healthOfAServiceThatCannotBeReachedIsDown() {
        client.get().uri("/health/auth").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().json("{\"status\":\"DOWN\"}", true);
    }

    @Test
    void serviceThatIsDownAnswers503ProblemJson() {
        CONTRACT.stop();
        try {
            client.get().uri("/api/contracts/42").headers(h -> h.setBearerAuth(TestTokens.admin())).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo(PROBLEMS + "service-unavailable")
                    .jsonPath("$.status").isEqualTo(503)
                    .jsonPath("$.instance").isEqualTo("/api/contracts/42")
                    .jsonPath("$.detail").isEqualTo("The contract service cannot be reached; try again later.");
        } finally {
            CONTRACT.start();
        }
        client.get().uri("/api/contracts/43").headers(h -> h.setBearerAuth(TestTokens.admin())).exchange()
                .expectStatus().isOk();
    }

    @Test
    void readIsRetriedAfterAConnectionFailureButPostNeverIs() {
        String token = TestTokens.manager(UUID.randomUUID());
        client.get().uri("/api/opportunities/get/drop").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.post().uri("/api/opportunities/post/drop").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "service-unavailable");
        assertThat(PIPELINE.seen("/api/opportunities/get/drop")).hasSize(3);
        assertThat(PIPELINE.seen("/api/opportunities/post/drop")).hasSize(1);
    }

    @Test
    void callerOverTheLimitGets429WithRetryAfter() {
        String token = TestTokens.rep(UUID.randomUUID());
        for (int i = 0; i < 40; i++) {
            client.get().uri("/api/kpis").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk();
        }
        client.get().uri("/api/kpis").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, v -> assertThat(Long.parseLong(v)).isPositive())
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "rate-limited")
                .jsonPath("$.status").isEqualTo(429);
        // another caller has its own bucket
        client.get().uri("/api/kpis").headers(h -> h.setBearerAuth(TestTokens.rep(UUID.randomUUID()))).exchange()
                .expectStatus().isOk();
    }

    @Test
    void requestIdAndTraceContextReachTheService() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        client.get().uri("/api/scorecards/traced").headers(h -> {
                    h.setBearerAuth(TestTokens.director(UUID.randomUUID()));
                    h.set("X-Request-Id", "req-123");
                    h.set("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");
                }).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", "req-123");
        RecordingBackend.Seen seen = PERFORMANCE.seen("/api/scorecards/traced").get(0);
        assertThat(seen.requestId()).isEqualTo("req-123");
        assertThat(seen.traceparent()).startsWith("00-" + traceId + "-").endsWith("-01")
                .doesNotContain("00f067aa0ba902b7");
    }

    @Test
    void requestWithoutIdsGetsFreshOnes() {
        EntityExchangeResult<byte[]> result = client.get().uri("/api/forecast/fresh")
                .headers(h -> h.setBearerAuth(TestTokens.director(UUID.randomUUID()))).exchange()
                .expectStatus().isOk().expectBody().returnResult();
        String requestId = result.getResponseHeaders().getFirst("X-Request-Id");
        RecordingBackend.Seen seen = PIPELINE.seen("/api/forecast/fresh").get(0);
        assertThat(seen.requestId()).isEqualTo(requestId).isNotBlank();
        assertThat(seen.traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void unauthorizedAnswerCarriesTheRequestId() {
        client.get().uri("/api/kpis").header("X-Request-Id", "req-401").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("X-Request-Id", "req-401");
    }

    @Test
    @SuppressWarnings("unchecked")
    void swaggerUiIsOpenAndListsTheFourServices() {
        client.get().uri("/swagger-ui.html").exchange()
                .expectStatus().is3xxRedirection()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "/swagger-ui/index.html");
        client.get().uri("/swagger-ui/index.html").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).value(html -> assertThat(html).contains("swagger-ui"));
        client.get().uri("/v3/api-docs/swagger-config").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.urls[*].name").value(names -> assertThat((List<Object>) names)
                        .containsExactlyInAnyOrder("target", "pipeline", "contract", "performance"))
                .jsonPath("$.urls[*].url").value(urls -> assertThat((List<Object>) urls).containsExactlyInAnyOrder(
                        "/v3/api-docs/target", "/v3/api-docs/pipeline", "/v3/api-docs/contract",
                        "/v3/api-docs/performance"));
    }

    @Test
    void eachServicesApiDocsAreServedThroughTheGatewayWithoutToken() {
        for (RecordingBackend backend : ALL) {
            client.get().uri("/v3/api-docs/" + nameOf(backend)).exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.info.title").isEqualTo(nameOf(backend))
                    .jsonPath("$.servers[0].url").isEqualTo("/");
        }
    }

    @Test
    void gatewayProbesAndPrometheusAreOpenAndMetricsNeedAdmin() {
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("resilience4j_circuitbreaker"));
        client.get().uri("/actuator/metrics").headers(h -> h.setBearerAuth(TestTokens.rep(UUID.randomUUID())))
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "forbidden");
        client.get().uri("/actuator/metrics").headers(h -> h.setBearerAuth(TestTokens.admin())).exchange()
                .expectStatus().isOk();
    }

    @Test
    void fallbackIsNotAPublicEndpoint() {
        client.get().uri("/fallback/target").headers(h -> h.setBearerAuth(TestTokens.admin())).exchange()
                .expectStatus().isNotFound();
    }

    private static String nameOf(RecordingBackend backend) {
        if (backend == TARGET) {
            return "target";
        }
        if (backend == PIPELINE) {
            return "pipeline";
        }
        return backend == CONTRACT ? "contract" : "performance";
    }

    private static int portNobodyListensOn() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
