package com.quota.httpproblems;

import com.quota.httpproblems.testapp.ProblemsTestApplication;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error a request can meet after security is an RFC 9457 problem with a stable type and no internals,
 * through the real HTTP stack of an app secured like the services (real tokens, traced like the services).
 */
@SpringBootTest(classes = ProblemsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.application.name=http-problems-test",
                "spring.reactor.context-propagation=auto",
                "management.tracing.sampling.probability=1.0",
                "management.tracing.propagation.type=w3c"})
@AutoConfigureWebTestClient(timeout = "30s")
@ExtendWith(OutputCaptureExtension.class)
class ProblemDetailsIT {

    private static final String PROBLEMS = "https://quota.example/problems/";
    private final String token = TestTokens.rep(UUID.randomUUID());

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void security(DynamicPropertyRegistry registry) {
        TestTokens.registerResourceServer(registry);
    }

    @Test
    void wellFormedRequestPassesThrough() {
        post(MediaType.APPLICATION_JSON, "{\"name\":\"probe\",\"amount\":\"12.50\"}")
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.name").isEqualTo("probe");
    }

    @Test
    void invalidFieldsAnswer400WithTheFieldList() {
        problem(post(MediaType.APPLICATION_JSON, "{\"name\":\" \",\"amount\":\"-1\"}"), 400, "validation-failed")
                .jsonPath("$.errors.length()").isEqualTo(2)
                .jsonPath("$.errors[?(@.field == 'name')].code").isEqualTo("NotBlank")
                .jsonPath("$.errors[?(@.field == 'amount')].code").isEqualTo("Positive")
                .jsonPath("$.errors[0].message").isNotEmpty();
    }

    @Test
    void invalidQueryParameterAnswers400WithTheFieldList() {
        problem(get("/probe/records?size=501"), 400, "validation-failed")
                .jsonPath("$.errors[0].field").isEqualTo("size")
                .jsonPath("$.errors[0].code").isEqualTo("Max");
    }

    @Test
    void aConstraintViolationOfAValidatedControllerAnswers400NotA500() {
        problem(get("/probe/validated?size=-1"), 400, "validation-failed")
                .jsonPath("$.errors[0].field").isEqualTo("size")
                .jsonPath("$.errors[0].code").isEqualTo("Min");
    }

    @Test
    void malformedJsonAnswers400() {
        problem(post(MediaType.APPLICATION_JSON, "{\"name\": \"probe\", "), 400, "malformed-request")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("not valid JSON"));
    }

    @Test
    void valueOfTheWrongShapeAnswers400NamingThePathButNotTheInput() {
        problem(post(MediaType.APPLICATION_JSON,
                "{\"name\":\"probe\",\"amount\":\"12.50\",\"tags\":{\"not\":\"a list\"}}"), 400, "malformed-request")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("'tags'").doesNotContain("a list").doesNotContain("java."));
    }

    @Test
    void aNumberForABooleanAnswers400InsteadOfBeingReadAsTrue() {
        problem(post(MediaType.APPLICATION_JSON, "{\"name\":\"probe\",\"amount\":\"12.50\",\"urgent\":7}"),
                400, "malformed-request")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("'urgent'"));
    }

    @Test
    void aFractionForAnIntegerAnswers400InsteadOfBeingTruncated() {
        problem(post(MediaType.APPLICATION_JSON, "{\"name\":\"probe\",\"amount\":\"12.50\",\"copies\":2.5}"),
                400, "malformed-request")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("'copies'"));
    }

    @Test
    void wellTypedBooleansAndIntegersAndQuotedAmountsPass() {
        post(MediaType.APPLICATION_JSON, "{\"name\":\"probe\",\"amount\":\"12.50\",\"urgent\":true,\"copies\":3}")
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.urgent").isEqualTo(true).jsonPath("$.copies").isEqualTo(3);
    }

    @Test
    void pathVariableOfTheWrongTypeAnswers400() {
        problem(get("/probe/records/not-a-uuid"), 400, "malformed-request");
    }

    @Test
    void unsupportedMediaTypeAnswers415() {
        problem(post(MediaType.TEXT_PLAIN, "name=probe"), 415, "unsupported-media-type");
    }

    @Test
    void unacceptableResponseTypeAnswers406() {
        WebTestClient.ResponseSpec response = client.get().uri("/probe/records")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .accept(MediaType.APPLICATION_XML).exchange();
        response.expectStatus().isEqualTo(406)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "not-acceptable");
    }

    @Test
    void wrongMethodAnswers405() {
        problem(client.delete().uri("/probe/records").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange(), 405, "method-not-allowed");
    }

    @Test
    void bodyAboveTheInMemoryLimitAnswers413() {
        String huge = "{\"name\":\"" + "x".repeat(300 * 1024) + "\",\"amount\":\"1\"}";
        problem(post(MediaType.APPLICATION_JSON, huge), 413, "content-too-large");
    }

    @Test
    void anUnreachableDatabaseAnswers503WithRetryAfterNotA500() {
        problem(get("/probe/database-down"), 503, "service-unavailable")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).doesNotContain("R2DBC"));
        get("/probe/database-down").expectHeader().valueEquals("Retry-After", "5");
    }

    @Test
    void aTransactionThatCannotOpenItsConnectionAnswers503NotA500() {
        problem(get("/probe/database-down-at-begin"), 503, "service-unavailable")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).doesNotContain("R2DBC"));
        get("/probe/database-down-at-begin").expectHeader().valueEquals("Retry-After", "5");
    }

    @Test
    void aConnectionFailureWrappedInAnotherExceptionAnswers503() {
        problem(get("/probe/database-down-wrapped"), 503, "service-unavailable");
    }

    @Test
    void staleVersionAnswers412() {
        problem(get("/probe/stale"), 412, "precondition-failed")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).doesNotContain("row version"));
    }

    @Test
    void accessDeniedInsideAHandlerStillAnswers403() {
        problem(get("/probe/denied"), 403, "forbidden");
    }

    @Test
    void unexpectedFailureAnswers500WithoutInternalsAndLogsItWithTheTraceId(CapturedOutput output) {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        byte[] body = problem(client.get().uri("/probe/boom")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .exchange(), 500, "internal-error")
                .jsonPath("$.trace").doesNotExist()
                .jsonPath("$.exception").doesNotExist()
                .returnResult().getResponseBodyContent();
        assertThat(new String(body)).doesNotContain("hunter2").doesNotContain("IllegalStateException")
                .doesNotContain("at com.quota");
        // the stack trace goes to the log, on a line that carries the caller's trace id
        assertThat(output.getAll()).contains("hunter2")
                .containsPattern(traceId + "[^\\n]*500 GET /probe/boom");
    }

    @Test
    void unknownPathAnswers404() {
        problem(get("/probe/no-such-thing"), 404, "not-found")
                .jsonPath("$.instance").isEqualTo("/probe/no-such-thing");
    }

    @Test
    void requestWithoutTokenStillAnswers401FromSecurity() {
        client.get().uri("/probe/records").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "unauthorized");
    }

    @Test
    void aServicesOwnAdviceWinsOverTheCatchAll() {
        client.get().uri("/probe/duplicate").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "probe-already-recorded");
    }

    private WebTestClient.ResponseSpec get(String uri) {
        return client.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .accept(MediaType.APPLICATION_JSON).exchange();
    }

    private WebTestClient.ResponseSpec post(MediaType contentType, String body) {
        return client.post().uri("/probe/records").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(contentType).bodyValue(body).exchange();
    }

    private WebTestClient.BodyContentSpec problem(WebTestClient.ResponseSpec response, int status, String slug) {
        return response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + slug)
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.title").isNotEmpty()
                .jsonPath("$.stackTrace").doesNotExist();
    }
}
