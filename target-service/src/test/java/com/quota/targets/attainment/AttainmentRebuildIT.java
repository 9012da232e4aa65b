package com.quota.targets.attainment;

import com.quota.eventcontracts.EventSchemas;
import com.quota.eventcontracts.Topics;
import com.quota.targets.AbstractTargetServiceIT;
import com.quota.targets.OrgFixture;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rebuild command: the source topics replayed from offset 0 into an empty scratch schema by the live crediting
 * code (no inbox in the way), every figure compared with the live ledger — equal where nothing was touched, and a
 * live counter changed behind the ledger's back is reported.
 */
class AttainmentRebuildIT extends AbstractTargetServiceIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private DatabaseClient db;
    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;

    @Test
    void aReplayFromOffsetZeroRebuildsTheSameLedgerAndReportsATamperedCounter() {
        OrgFixture tree = new OrgFixture(client);
        List<UUID> events = new ArrayList<>();
        try (SourceEventProducer producer = new SourceEventProducer(brokers)) {
            UUID kept = UUID.randomUUID();
            events.add(producer.win(kept, tree.repA1, "1200.00", "2026-10-02"));
            UUID split = UUID.randomUUID();
            UUID splitWin = UUID.randomUUID();
            producer.send(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", split, splitWin, SourceEventProducer.won(split,
                    Map.of(tree.repA2, "70", tree.repB1, "30"), tree.repA2, "999.99", "2026-10-03"));
            events.add(splitWin);
            UUID reopenedId = UUID.randomUUID();
            UUID reopenedWin = UUID.randomUUID();
            producer.send(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", reopenedId, reopenedWin,
                    SourceEventProducer.won(reopenedId, tree.repB1, "500.00", "2026-10-04"));
            UUID reopen = UUID.randomUUID();
            producer.send(Topics.PIPELINE_OPPORTUNITY, "OpportunityReopened", reopenedId, reopen,
                    reopened(reopenedId, reopenedWin, "2026-10-20"));
            events.add(reopenedWin);
            events.add(reopen);
        }
        // 1,200.00 + 699.99 + 300.00 + 500.00 − 500.00 (the reopen) in 5 lines
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(count("attainment_line", events)).isEqualTo(5));
        assertThat(sum("attainment_line", events)).isEqualByComparingTo("2199.99");

        // a live counter changed behind the ledger's back: the rebuild must tell
        db.sql("UPDATE attainment_counter SET amount = amount + 1 WHERE owner_type = 'UNIT' AND owner_id = :team"
                        + " AND metric = 'BOOKINGS' AND month = DATE '2026-10-01' AND dimension = '*'")
                .bind("team", tree.teamA).fetch().rowsUpdated().block();

        List<JsonNode> progress = rebuild();
        assertThat(progress.get(0).get("phase").asString()).isEqualTo("prepared");
        assertThat(progress).anySatisfy(p -> {
            assertThat(p.get("phase").asString()).isEqualTo("replaying");
            assertThat(p.get("topic").asString()).isEqualTo(Topics.PIPELINE_OPPORTUNITY);
            assertThat(p.get("read").asLong()).isPositive().isEqualTo(p.get("total").asLong());
        });
        JsonNode last = progress.get(progress.size() - 1);
        assertThat(last.get("phase").asString()).isEqualTo("different");
        JsonNode comparison = last.get("comparison");
        List<String> differingOwners = new ArrayList<>();
        comparison.get("counters").forEach(c -> differingOwners.add(c.get("ownerId").asString()));
        assertThat(differingOwners).contains(tree.teamA.toString())
                .doesNotContain(tree.repA1.toString(), tree.repA2.toString(), tree.repB1.toString(), tree.teamB.toString());
        JsonNode teamA = null;
        for (JsonNode c : comparison.get("counters")) {
            if (c.get("ownerId").asString().equals(tree.teamA.toString()) && c.get("dimension").asString().equals("*")) {
                teamA = c;
            }
        }
        assertThat(teamA).isNotNull();
        assertThat(new BigDecimal(teamA.get("live").asString()).subtract(new BigDecimal(teamA.get("rebuilt").asString())))
                .isEqualByComparingTo("1");
        // every line of these events was rebuilt exactly, with its roll-up
        List<String> differingEvents = new ArrayList<>();
        comparison.get("sourceEvents").forEach(e -> differingEvents.add(e.asString()));
        assertThat(differingEvents).doesNotContainAnyElementsOf(events.stream().map(UUID::toString).toList());
        assertThat(count("attainment_rebuild.attainment_line", events)).isEqualTo(5);
        assertThat(sum("attainment_rebuild.attainment_line", events)).isEqualByComparingTo("2199.99");
        // the live ledger was not changed by the rebuild, and it announced nothing
        assertThat(count("attainment_line", events)).isEqualTo(5);
        long announced = db.sql("SELECT count(*) AS n FROM outbox_event WHERE event_type = 'AttainmentChanged'"
                        + " AND payload->>'sourceEventId' = :id")
                .bind("id", events.get(0).toString()).map(row -> row.get("n", Long.class)).one().block();
        assertThat(announced).isEqualTo(4);

        client.post().uri("/api/attainment/rebuilds").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.director(tree.director))
                .exchange().expectStatus().isForbidden();
        db.sql("UPDATE attainment_counter SET amount = amount - 1 WHERE owner_type = 'UNIT' AND owner_id = :team"
                        + " AND metric = 'BOOKINGS' AND month = DATE '2026-10-01' AND dimension = '*'")
                .bind("team", tree.teamA).fetch().rowsUpdated().block();
    }

    private List<JsonNode> rebuild() {
        String body = client.mutate().responseTimeout(Duration.ofMinutes(3)).build()
                .post().uri("/api/attainment/rebuilds").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin())
                .accept(MediaType.APPLICATION_NDJSON).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private long count(String table, List<UUID> events) {
        return db.sql("SELECT count(*) AS n FROM " + table + " WHERE source_event_id = ANY(:ids) AND metric = 'BOOKINGS'")
                .bind("ids", events.toArray(UUID[]::new)).map(row -> row.get("n", Long.class)).one().block();
    }

    private BigDecimal sum(String table, List<UUID> events) {
        return db.sql("SELECT coalesce(sum(amount), 0) AS s FROM " + table + " WHERE source_event_id = ANY(:ids)"
                        + " AND metric = 'BOOKINGS'")
                .bind("ids", events.toArray(UUID[]::new)).map(row -> row.get("s", BigDecimal.class)).one().block();
    }

    private static String reopened(UUID opportunity, UUID winEventId, String reopenDate) {
        ObjectNode node = (ObjectNode) JSON.readTree(EventSchemas.goldenExample("OpportunityReopened"));
        node.put("opportunityId", opportunity.toString());
        node.put("reopensEventId", winEventId.toString());
        node.put("reopenDate", reopenDate);
        return JSON.writeValueAsString(node);
    }
}
