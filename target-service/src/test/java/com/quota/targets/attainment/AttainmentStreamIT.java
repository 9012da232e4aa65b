package com.quota.targets.attainment;

import com.quota.targets.AbstractTargetServiceIT;
import com.quota.targets.OrgFixture;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live stream read as a dashboard would: server-sent events of attainment changes for the caller's scope, the
 * moment the ledger commits them (a rep their own, a manager their subtree, nothing of other teams).
 */
class AttainmentStreamIT extends AbstractTargetServiceIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;

    private SourceEventProducer producer;
    private OrgFixture tree;

    @BeforeEach
    void tree() {
        producer = new SourceEventProducer(brokers);
        tree = new OrgFixture(client);
    }

    @AfterEach
    void close() {
        producer.close();
    }

    @Test
    void aRepSeesTheirOwnChangesAndAManagerTheirSubtreeLive() {
        Flux<ServerSentEvent<String>> repStream = stream(TestTokens.rep(tree.repA1));
        Flux<ServerSentEvent<String>> managerStream = stream(TestTokens.manager(tree.managerA));
        Flux<ServerSentEvent<String>> directorStream = stream(TestTokens.director(tree.director));

        // one key: team B's win is consumed (and committed) before team A's, so a stream showing team A's has
        // already been offered team B's
        UUID key = UUID.randomUUID();
        UUID otherTeamWin = producer.win(key, tree.repB1, "70.00", "2026-11-05");
        UUID ownWin = producer.win(key, tree.repA1, "125.50", "2026-11-06");

        List<JsonNode> repSaw = until(repStream, Set.of(tree.repA1));
        assertThat(repSaw).allSatisfy(event -> assertThat(ownerId(event)).isEqualTo(tree.repA1));
        JsonNode own = repSaw.get(repSaw.size() - 1);
        assertThat(own.get("sourceEventId").asString()).isEqualTo(ownWin.toString());
        assertThat(own.get("delta").get("amount").asString()).isEqualTo("125.50");
        assertThat(own.get("metric").asString()).isEqualTo("BOOKINGS");

        List<JsonNode> managerSaw = until(managerStream, Set.of(tree.repA1, tree.teamA));
        assertThat(managerSaw).extracting(AttainmentStreamIT::ownerId).containsOnly(tree.repA1, tree.teamA);

        List<JsonNode> directorSaw = until(directorStream, Set.of(tree.repB1, tree.teamB, tree.repA1, tree.teamA,
                tree.region, tree.company));
        assertThat(directorSaw).extracting(event -> event.get("sourceEventId").asString())
                .contains(otherTeamWin.toString(), ownWin.toString());

        client.get().uri("/api/attainment/stream").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isUnauthorized();
    }

    private Flux<ServerSentEvent<String>> stream(String token) {
        return client.mutate().responseTimeout(WAIT).build()
                .get().uri("/api/attainment/stream").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                }).getResponseBody();
    }

    /** The AttainmentChanged payloads the stream shows until it has shown one for each of {@code owners}. */
    private static List<JsonNode> until(Flux<ServerSentEvent<String>> stream, Set<UUID> owners) {
        Set<UUID> seen = new HashSet<>();
        return stream.filter(event -> "AttainmentChanged".equals(event.event()) && event.data() != null)
                .map(event -> JSON.readTree(event.data()))
                .doOnNext(payload -> seen.add(ownerId(payload)))
                .takeUntil(payload -> seen.containsAll(owners))
                .collectList()
                .block(WAIT);
    }

    private static UUID ownerId(JsonNode payload) {
        return UUID.fromString(payload.get("owner").get("id").asString());
    }
}
