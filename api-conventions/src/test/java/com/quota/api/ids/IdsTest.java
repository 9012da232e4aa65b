package com.quota.api.ids;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class IdsTest {

    @Test
    void newIdsAreVersion7AndTimeOrdered() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(Ids.newId());
        }
        assertThat(ids).allSatisfy(id -> assertThat(id.version()).isEqualTo(7));
        assertThat(new HashSet<>(ids)).hasSize(1000);
        // the time prefix never goes backwards
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i).getMostSignificantBits() >>> 16)
                    .isGreaterThanOrEqualTo(ids.get(i - 1).getMostSignificantBits() >>> 16);
        }
    }

    @Test
    void aUniqueViolationIsRecognisedThroughItsCauses() {
        var violation = new io.r2dbc.spi.R2dbcDataIntegrityViolationException("dup", ExternalRefs.UNIQUE_VIOLATION);
        var other = new io.r2dbc.spi.R2dbcDataIntegrityViolationException("fk", "23503");

        assertThat(ExternalRefs.isUniqueViolation(new RuntimeException(violation))).isTrue();
        assertThat(ExternalRefs.isUniqueViolation(other)).isFalse();
        assertThat(ExternalRefs.conflictOnDuplicate(reactor.core.publisher.Mono.error(violation), "taken")
                .onErrorResume(e -> reactor.core.publisher.Mono.just(e.getClass().getSimpleName())).block())
                .isEqualTo("ApiProblem");
    }
}
