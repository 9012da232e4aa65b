package com.quota.resourceserver;

import com.quota.resourceserver.testapp.ResourceServerTestApplication;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

@SpringBootTest(classes = ResourceServerTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.endpoints.web.exposure.include=health,info,prometheus,metrics")
@AutoConfigureWebTestClient(timeout = "30s")
@ExtendWith(OutputCaptureExtension.class)
class ResourceServerIT {

    private static final String PROBLEMS = "https://quota.example/problems/";

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void security(DynamicPropertyRegistry registry) {
        TestTokens.registerResourceServer(registry);
    }

    @Test
    void requestWithoutTokenIsRefusedWithProblemJson() {
        client.get().uri("/api/whoami").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer"))
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "unauthorized")
                .jsonPath("$.title").isEqualTo("Unauthorized")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").isEqualTo("A bearer token is required.")
                .jsonPath("$.instance").isEqualTo("/api/whoami");
    }

    @Test
    void aPathTheFirewallRefusesIsA400ProblemNotAnEmptyBody() throws Exception {
        // an encoded NUL in the path: Spring Security's strict firewall refuses it before any handler runs
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/whoami/%00"))
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(response.body()).contains("\"type\":\"" + PROBLEMS + "malformed-request\"");
    }

    @Test
    void malformedTokenIsRefusedAndNeverEchoed(CapturedOutput output) {
        String garbage = "eyJhbGciOiJSUzI1NiJ9.bm90LWpzb24.c2lnbmF0dXJl";
        String body = refused(garbage);
        assertThat(body).doesNotContain(garbage).doesNotContain("bm90LWpzb24");
        assertThat(output.getAll()).doesNotContain(garbage).doesNotContain("bm90LWpzb24");
    }

    @Test
    void malformedAuthorizationHeaderIsRefused() {
        client.get().uri("/api/whoami").header(HttpHeaders.AUTHORIZATION, "Bearer not a token").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, containsString("error=\"invalid_"))
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "unauthorized");
    }

    @Test
    void expiredTokenIsRefused(CapturedOutput output) {
        String token = TestTokens.expired();
        assertThat(refused(token)).contains("expired");
        assertThat(output.getAll()).contains("401 GET /api/whoami").doesNotContain(token);
    }

    @Test
    void tokenSignedByAStrangerIsRefused() {
        assertThat(refused(TestTokens.signedByStranger())).contains("signature");
    }

    @Test
    void tokenFromAnotherIssuerIsRefused() {
        assertThat(refused(TestTokens.wrongIssuer())).contains("iss");
    }

    @Test
    void tokenWithARoleQuotaDoesNotKnowIsRefused() {
        assertThat(refused(TestTokens.withRoles(UUID.randomUUID(), "REP", "SUPERUSER"))).contains("role");
    }

    @Test
    void userTokenWithoutRolesIsRefused() {
        assertThat(refused(TestTokens.withRoles(UUID.randomUUID()))).contains("no roles");
    }

    @Test
    void repTokenReachesTheEndpointAndTheCallerCarriesRepId() {
        UUID repId = UUID.randomUUID();
        client.get().uri("/api/whoami").headers(h -> h.setBearerAuth(TestTokens.rep(repId))).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.sub").isEqualTo("rep-" + repId)
                .jsonPath("$.roles[0]").isEqualTo("REP")
                .jsonPath("$.repId").isEqualTo(repId.toString());
        client.get().uri("/api/whoami/reactive").headers(h -> h.setBearerAuth(TestTokens.rep(repId))).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.repId").isEqualTo(repId.toString());
    }

    @Test
    void integrationClientCarriesItsScopesAndNoRepId() {
        client.get().uri("/api/whoami").headers(h -> h.setBearerAuth(TestTokens.integration("crm", "opportunities.write")))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.sub").isEqualTo("crm")
                .jsonPath("$.roles[0]").isEqualTo("INTEGRATION")
                .jsonPath("$.repId").isEqualTo("")
                .jsonPath("$.scopes[0]").isEqualTo("opportunities.write");
    }

    @Test
    void repMayNotReadMetrics() {
        client.get().uri("/actuator/metrics").headers(h -> h.setBearerAuth(TestTokens.rep(UUID.randomUUID())))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "forbidden")
                .jsonPath("$.status").isEqualTo(403)
                .jsonPath("$.instance").isEqualTo("/actuator/metrics");
    }

    @Test
    void adminReadsMetrics() {
        client.get().uri("/actuator/metrics").headers(h -> h.setBearerAuth(TestTokens.admin())).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.names").isArray();
    }

    @Test
    void metricsWithoutTokenIsUnauthorizedNotForbidden() {
        client.get().uri("/actuator/metrics").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void healthPrometheusInfoAndApiDocsAreOpen() {
        client.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/info").exchange().expectStatus().isOk();
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("jvm_"));
        client.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.openapi").isEqualTo("3.1.0");
    }

    @Test
    void staleTokenOnAnOpenPathIsIgnored() {
        client.get().uri("/actuator/health").headers(h -> h.setBearerAuth(TestTokens.expired())).exchange()
                .expectStatus().isOk();
    }

    @Test
    void refusalIsNeverARedirectOrHtml() {
        client.get().uri("/api/whoami").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().doesNotExist(HttpHeaders.LOCATION)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private String refused(String token) {
        return client.get().uri("/api/whoami").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, containsString("error=\"invalid_token\""))
                .expectBody(String.class)
                .value(body -> assertThat(body).contains(PROBLEMS + "unauthorized").contains("\"instance\":\"/api/whoami\""))
                .returnResult().getResponseBody();
    }
}
