package com.quota.systemtests.proof.input;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BadRequestGeneratorTest {

    @Test
    void anUpsertsIfMatchCaseSendsAChangeNotARestatement() {
        assertThat(BadRequestGenerator.renamed("{\"id\":\"u1\",\"name\":\"East\",\"version\":3}"))
                .contains("\"name\":\"East (changed by the proof)\"").contains("\"version\":3");
        assertThat(BadRequestGenerator.renamed("{\"displayName\":\"Li Na\"}")).contains("Li Na (changed by the proof)");
        assertThat(BadRequestGenerator.UPSERTS.matcher("/api/org/reps/{id}").matches()).isTrue();
        assertThat(BadRequestGenerator.UPSERTS.matcher("/api/targets/{id}").matches()).isFalse();
    }

    @Test
    void aRepresentationWithoutANameIsRefusedRatherThanSentUnchanged() {
        assertThatThrownBy(() -> BadRequestGenerator.renamed("{\"code\":\"X\"}")).isInstanceOf(IllegalArgumentException.class);
    }
}
