package com.quota.api.concurrency;

import com.quota.api.problem.ApiProblem;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

class VersionsTest {

    @Test
    void theEtagOfAVersionIsItQuoted() {
        assertThat(Versions.etag(3)).isEqualTo("\"3\"");
        assertThat(Versions.withEtag(ResponseEntity.ok(), 3).build().getHeaders().getFirst(HttpHeaders.ETAG))
                .isEqualTo("\"3\"");
    }

    @Test
    void strongWeakAndBareFormsOfTheCurrentVersionPass() {
        assertThat(Versions.requireIfMatch("\"3\"", 3)).isEqualTo(3);
        assertThat(Versions.requireIfMatch("W/\"3\"", 3)).isEqualTo(3);
        assertThat(Versions.requireIfMatch(" 3 ", 3)).isEqualTo(3);
    }

    @Test
    void aMissingIfMatchIs428() {
        for (String missing : new String[]{null, "", "  "}) {
            assertThatThrownBy(() -> Versions.requireIfMatch(missing, 3))
                    .isInstanceOfSatisfying(ApiProblem.class,
                            problem -> assertThat(problem.getStatusCode().value()).isEqualTo(428));
        }
    }

    @Test
    void aStaleIfMatchIs412WithTheCurrentEtag() {
        assertThatThrownBy(() -> Versions.requireIfMatch("\"2\"", 3))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.getStatusCode().value()).isEqualTo(412);
                    assertThat(problem.getHeaders().getETag()).isEqualTo("\"3\"");
                    assertThat(problem.getBody().getProperties()).containsEntry("currentVersion", 3L);
                });
    }

    @Test
    void anIfMatchThatNamesNoVersionIs412() {
        for (String garbage : new String[]{"*", "\"abc\"", "\"1\", \"2\"", "W/", "\"\"", "-1", "99999999999999999999"}) {
            assertThatThrownBy(() -> Versions.expectedVersion(garbage))
                    .as(garbage)
                    .isInstanceOfSatisfying(ApiProblem.class,
                            problem -> assertThat(problem.getStatusCode().value()).isEqualTo(412));
        }
    }

    @Test
    void everyVersionRoundTripsThroughItsEtag() {
        qt().forAll(longs().between(0, Long.MAX_VALUE / 10))
                .check(version -> Versions.expectedVersion(Versions.etag(version)) == version);
    }

    @Test
    void anUpdateThatChangedNoRowIs412() {
        Versions.requireUpdated(1);
        assertThatThrownBy(() -> Versions.requireUpdated(0))
                .isInstanceOfSatisfying(ApiProblem.class,
                        problem -> assertThat(problem.getStatusCode().value()).isEqualTo(412));
    }
}
