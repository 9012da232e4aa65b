package com.quota.api;

import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.UUID;

/** Every {@code ApiProblem} is answered by http-problems' advice as problem+json with its status, type and properties. */
class ApiProblemIT extends AbstractApiConventionsIT {

    private final String token = TestTokens.rep(UUID.randomUUID());

    @Test
    void badRequest() {
        problem("bad-request", 400, "bad-request").jsonPath("$.detail").isEqualTo("The period and the date range disagree.");
    }

    @Test
    void invalidFieldListsTheField() {
        problem("invalid-field", 400, "validation-failed")
                .jsonPath("$.errors[0].field").isEqualTo("ownerId")
                .jsonPath("$.errors[0].message").isEqualTo("must be a rep id");
    }

    @Test
    void notFoundNamesOnlyTheKind() {
        problem("not-found", 404, "not-found").jsonPath("$.detail").isEqualTo("No such opportunity.");
    }

    @Test
    void conflict() {
        problem("conflict", 409, "conflict").jsonPath("$.detail").isEqualTo("The plan is locked.");
    }

    @Test
    void transitionNotAllowedListsTheAllowedOnes() {
        problem("transition", 409, "transition-not-allowed")
                .jsonPath("$.allowedTransitions").isEqualTo(List.of("amend", "terminate"))
                .jsonPath("$.state").isEqualTo("SIGNED");
    }

    @Test
    void unprocessableHasTheServicesOwnType() {
        problem("unprocessable", 422, "splits-do-not-sum");
    }

    @Test
    void notYetKnownHereSaysRetry() {
        problem("not-yet-known", 422, "not-yet-known-here")
                .jsonPath("$.title").isEqualTo("not yet known here; retry")
                .jsonPath("$.kind").isEqualTo("rep");
    }

    @Test
    void preconditionRequired() {
        problem("precondition-required", 428, "precondition-required");
    }

    @Test
    void preconditionFailedCarriesTheCurrentVersion() {
        client.get().uri("/api/problems/precondition-failed").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(412)
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"7\"")
                .expectBody().jsonPath("$.currentVersion").isEqualTo(7);
    }

    @Test
    void idempotencyKeyReused() {
        problem("key-reused", 422, "idempotency-key-reused");
    }

    @Test
    void idempotencyKeyInFlight() {
        problem("key-in-flight", 409, "idempotency-key-in-flight");
    }

    private WebTestClient.BodyContentSpec problem(String name, int status, String type) {
        return client.get().uri("/api/problems/{name}", name).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + type)
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.title").isNotEmpty()
                .jsonPath("$.instance").isEqualTo("/api/problems/" + name);
    }
}
