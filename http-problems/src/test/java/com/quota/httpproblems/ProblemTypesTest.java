package com.quota.httpproblems;

import com.quota.resourceserver.ProblemResponses;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemTypesTest {

    @Test
    void baseIsTheOneResourceServerSupportWritesItsRefusalsWith() {
        // the string is repeated in resource-server-support; a client must see one family of type URIs
        assertThat(ProblemTypes.BASE).isEqualTo(ProblemResponses.TYPE_BASE);
    }

    @Test
    void statusesOfArchitectureMapToTheirNamedTypes() {
        assertThat(ProblemTypes.forStatus(HttpStatus.BAD_REQUEST)).isEqualTo(ProblemTypes.MALFORMED_REQUEST);
        assertThat(ProblemTypes.forStatus(HttpStatus.NOT_FOUND))
                .isEqualTo(URI.create("https://quota.example/problems/not-found"));
        assertThat(ProblemTypes.forStatus(HttpStatus.PRECONDITION_FAILED)).isEqualTo(ProblemTypes.PRECONDITION_FAILED);
        assertThat(ProblemTypes.forStatus(HttpStatus.UNPROCESSABLE_CONTENT))
                .isEqualTo(URI.create("https://quota.example/problems/unprocessable-content"));
        assertThat(ProblemTypes.forStatus(HttpStatus.TOO_MANY_REQUESTS))
                .isEqualTo(URI.create("https://quota.example/problems/too-many-requests"));
    }

    @Test
    void statusWithoutANamedProblemGetsItsCode() {
        assertThat(ProblemTypes.forStatus(HttpStatusCode.valueOf(418)))
                .isEqualTo(URI.create("https://quota.example/problems/http-418"));
    }
}
