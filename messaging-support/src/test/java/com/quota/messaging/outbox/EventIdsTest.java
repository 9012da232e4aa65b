package com.quota.messaging.outbox;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EventIdsTest {

    @Test
    void newIdsAreVersion7AndTimeOrdered() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            ids.add(EventIds.newId());
        }
        assertThat(ids).allMatch(id -> id.version() == 7);
        List<String> asText = ids.stream().map(UUID::toString).toList();
        assertThat(asText).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void derivedIdsAreStableForTheSameParts() {
        UUID source = UUID.fromString("0192f5b4-7c1e-7a3d-9a55-3f1f8c2b6d10");

        UUID first = EventIds.derived(source, "rep-7", "REVENUE", "2026-Q4");
        UUID again = EventIds.derived(source, "rep-7", "REVENUE", "2026-Q4");

        assertThat(first).isEqualTo(again);
        assertThat(first.version()).isEqualTo(5);
    }

    @Test
    void derivedIdsDifferWhenAnyPartOrItsBoundaryDiffers() {
        assertThat(EventIds.derived("ab", "c")).isNotEqualTo(EventIds.derived("a", "bc"));
        assertThat(EventIds.derived("src", "rep-7", "2026-Q4")).isNotEqualTo(EventIds.derived("src", "rep-8", "2026-Q4"));
    }
}
