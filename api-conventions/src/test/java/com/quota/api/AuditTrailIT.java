package com.quota.api;

import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.net.URI;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Audit entries are written in the change's transaction and read back as an entity's trail. */
class AuditTrailIT extends AbstractApiConventionsIT {

    private static final String REVISED = "$.items[?(@.action == 'DealRevised')]";
    private static final String CREATED = "$.items[?(@.action == 'DealCreated')]";
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final UUID repId = UUID.randomUUID();
    private final String token = TestTokens.manager(repId);

    @Test
    void aChangeWritesWhoWhenWhatWhyAndTheTraceAndTheTrailReadsItBack() {
        URI deal = create();
        client.put().uri(deal.toString())
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set(HttpHeaders.IF_MATCH, "\"0\"");
                    h.set("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01");
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"Acme East\",\"amount\":150.00,\"reason\":\"Q3 reforecast\"}")
                .exchange().expectStatus().isOk();

        client.get().uri(deal.toString() + "/audit").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.page.totalElements").isEqualTo(2)
                .jsonPath(REVISED + ".actor").isEqualTo("manager-" + repId)
                .jsonPath(REVISED + ".actorRepId").isEqualTo(repId.toString())
                .jsonPath(REVISED + ".reason").isEqualTo("Q3 reforecast")
                .jsonPath(REVISED + ".before.name").isEqualTo("Acme")
                .jsonPath(REVISED + ".after.name").isEqualTo("Acme East")
                .jsonPath(REVISED + ".after.version").isEqualTo(1)
                .jsonPath(REVISED + ".traceId").isEqualTo(TRACE_ID)
                // the test app's clock is fixed
                .jsonPath(REVISED + ".occurredAt").isEqualTo("2026-03-31T17:30:00Z")
                .jsonPath(CREATED + ".reason").isEqualTo("new deal")
                .jsonPath(CREATED + ".after.name").isEqualTo("Acme")
                // a creation has no state before it
                .jsonPath("$.items[?(@.action == 'DealCreated' && @.before == null)].action").isEqualTo("DealCreated");
    }

    @Test
    void aChangeThatFailsLeavesNeitherTheChangeNorItsAuditEntry() {
        URI deal = create();
        UUID id = idOf(deal);

        client.put().uri(deal.toString())
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set(HttpHeaders.IF_MATCH, "\"0\"");
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"fail-after-audit\",\"amount\":999.00}")
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "deal-rejected");

        assertThat(count("select count(*) from audit_entry where entity_id = :id and action = 'DealRevised'", "id", id))
                .isZero();
        assertThat(count("select version from deal where id = :id", "id", id)).isZero();
        client.get().uri(deal.toString()).headers(h -> h.setBearerAuth(token)).exchange()
                .expectBody().jsonPath("$.name").isEqualTo("Acme");
    }

    @Test
    void anUnknownEntitysTrailAnswers404AndABadSortAnswers400() {
        client.get().uri("/api/deals/{id}/audit", UUID.randomUUID()).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNotFound();
        client.get().uri(create().toString() + "/audit?sort=before,asc").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.allowedSortFields").isEqualTo(java.util.List.of("action", "actor", "occurredAt"));
    }

    private URI create() {
        return client.post().uri("/api/deals").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"batch\":\"" + newBatch("audit") + "\",\"name\":\"Acme\",\"amount\":100.00,\"reason\":\"new deal\"}")
                .exchange().expectStatus().isCreated()
                .expectBody().returnResult().getResponseHeaders().getLocation();
    }

    private static UUID idOf(URI deal) {
        String path = deal.getPath();
        return UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
    }
}
