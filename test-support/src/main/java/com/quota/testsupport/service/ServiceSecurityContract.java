package com.quota.testsupport.service;

import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.util.UUID;
import java.util.stream.Stream;

/** Security is on: no token or a bad one is 401, a role that may not is 403, all as problem+json. */
public interface ServiceSecurityContract extends RunningService {

    String PROBLEMS = "https://quota.example/problems/";

    /** A real endpoint (GET) that needs a valid token; with {@link #protectedApiToken()} it answers 2xx. */
    String protectedApiPath();

    /** A token that may read {@link #protectedApiPath()}; an ADMIN's unless the service says otherwise. */
    default String protectedApiToken() {
        return TestTokens.admin();
    }

    @Test
    default void theProbedPathIsARealEndpointThatAValidTokenReaches() {
        // without this, a probe of a path that does not exist would pass every 401 test below
        client().get().uri(protectedApiPath()).header(HttpHeaders.AUTHORIZATION, "Bearer " + protectedApiToken()).exchange()
                .expectStatus().is2xxSuccessful();
    }

    @Test
    default void requestWithoutTokenAnswers401Problem() {
        client().get().uri(protectedApiPath()).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "unauthorized");
    }

    static Stream<Arguments> badTokens() {
        return Stream.of(
                Arguments.of("expired", TestTokens.expired()),
                Arguments.of("signed by a stranger", TestTokens.signedByStranger()),
                Arguments.of("wrong issuer", TestTokens.wrongIssuer()),
                Arguments.of("unknown role", TestTokens.withRoles(UUID.randomUUID(), "REP", "SUPERUSER")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("com.quota.testsupport.service.ServiceSecurityContract#badTokens")
    default void badTokenAnswers401Problem(String why, String token) {
        client().get().uri(protectedApiPath()).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "unauthorized");
    }

    @Test
    default void repMayNotReadMetrics() {
        client().get().uri("/actuator/metrics").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.rep(UUID.randomUUID()))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "forbidden");
    }

    @Test
    default void adminReadsMetrics() {
        client().get().uri("/actuator/metrics").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin())
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.names").isArray();
    }

    @Test
    default void unknownPathWithValidTokenAnswers404Problem() {
        client().get().uri("/api/no-such-thing").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin())
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "not-found")
                .jsonPath("$.status").isEqualTo(404);
    }

    @Test
    default void unknownPathWithoutTokenAnswers401NotRevealingWhatExists() {
        client().get().uri("/api/no-such-thing").exchange()
                .expectStatus().isUnauthorized();
    }
}
