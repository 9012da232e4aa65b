package com.quota.contract.integration;

import com.quota.contract.AbstractContractServiceIT;
import com.quota.eventcontracts.EventHeaders;
import com.quota.eventcontracts.EventSchemas;
import com.quota.eventcontracts.Topics;
import com.quota.testsupport.security.TestTokens;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OpportunityReopened of a win: an untouched automatic draft is withdrawn (and a new win drafts again); any other
 * contract is kept and flagged, not submitted/approved/signed until the opportunity is won again; a signed one is
 * left as it is for a human. No contract event is emitted by a reopening.
 */
class OpportunityReopenedIT extends AbstractContractServiceIT {

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    private void publish(String eventType, String payload) {
        EventSchemas.assertValid(eventType, payload);
        KafkaTemplate<String, String> kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers), new StringSerializer(), new StringSerializer()));
        String opportunityId = JSON.readTree(payload).path("opportunityId").asString();
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.PIPELINE_OPPORTUNITY, opportunityId, payload);
        record.headers().add(EventHeaders.EVENT_ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.EVENT_TYPE, eventType.getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.SCHEMA_VERSION, "1".getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.OCCURRED_AT, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.AGGREGATE_ID, opportunityId.getBytes(StandardCharsets.UTF_8));
        kafka.send(record).join();
        kafka.destroy();
    }

    /** A 50,000 CNY win owned by REP_A alone (a MANAGER approves it). */
    private static String won(UUID opportunity, UUID pipeline) {
        ObjectNode won = (ObjectNode) JSON.readTree(EventSchemas.goldenExample("OpportunityWon"));
        won.put("opportunityId", opportunity.toString());
        won.put("pipelineId", pipeline.toString());
        won.set("owners", JSON.valueToTree(List.of(owner(REP_A, "100", true))));
        won.set("amount", JSON.valueToTree(money("50000.00", "CNY")));
        won.set("reportingAmount", JSON.valueToTree(money("50000.00", "CNY")));
        won.put("fxRate", "1");
        return won.toString();
    }

    private static String reopened(UUID opportunity, UUID pipeline, String previousStatus) {
        ObjectNode reopened = (ObjectNode) JSON.readTree(EventSchemas.goldenExample("OpportunityReopened"));
        reopened.put("opportunityId", opportunity.toString());
        reopened.put("pipelineId", pipeline.toString());
        reopened.put("previousStatus", previousStatus);
        reopened.put("reopenDate", "2026-11-24");
        reopened.put("reason", "purchase order withdrawn");
        return reopened.toString();
    }

    private long contractsOf(UUID opportunity) {
        return rows("select count(*) from contract where opportunity_id = :o", "o", opportunity);
    }

    private JsonNode contractOf(UUID opportunity) {
        JsonNode items = get("/api/contracts?opportunityId=" + opportunity, TestTokens.director(DIRECTOR)).json().path("items");
        assertThat(items).hasSize(1);
        return get("/api/contracts/" + items.get(0).path("id").asString(), TestTokens.director(DIRECTOR)).json();
    }

    private Answer latest(String id) {
        return get("/api/contracts/" + id, TestTokens.director(DIRECTOR));
    }

    @Test
    void anUntouchedAutomaticDraftIsWithdrawnAndTheNextWinDraftsAgain() {
        UUID opportunity = UUID.randomUUID();
        UUID pipeline = UUID.randomUUID();
        publish("OpportunityWon", won(opportunity, pipeline));
        await().atMost(Duration.ofSeconds(60)).until(() -> contractsOf(opportunity) == 1);
        String first = contractOf(opportunity).path("id").asString();

        publish("OpportunityReopened", reopened(opportunity, pipeline, "WON"));
        await().atMost(Duration.ofSeconds(60)).until(() -> contractsOf(opportunity) == 0);
        assertThat(rows("select count(*) from audit_entry where entity_id = :id and action = 'ContractWithdrawn'", "id", UUID.fromString(first)))
                .isEqualTo(1);
        assertThat(rows("select count(*) from contract_version where contract_id = :id", "id", UUID.fromString(first))).isZero();
        assertThat(get("/api/contracts/" + first, TestTokens.director(DIRECTOR)).status()).isEqualTo(404);
        assertThat(eventsOf(first)).isEmpty();
        // not drafted by API either while the opportunity is open again
        Answer byApi = post("/api/contracts", TestTokens.director(DIRECTOR), null, body("opportunityId", opportunity));
        assertThat(byApi.status()).isEqualTo(409);
        assertThat(byApi.type()).isEqualTo(PROBLEMS + "opportunity-reopened");
        assertThat(contractsOf(opportunity)).isZero();

        publish("OpportunityWon", won(opportunity, pipeline));
        await().atMost(Duration.ofSeconds(60)).until(() -> contractsOf(opportunity) == 1);
        assertThat(contractOf(opportunity).path("id").asString()).isNotEqualTo(first);
        assertThat(contractOf(opportunity).path("opportunityReopened").isNull()).isTrue();
    }

    @Test
    void aSubmittedContractIsFlaggedAndWaitsUntilTheOpportunityIsWonAgain() {
        UUID opportunity = UUID.randomUUID();
        UUID pipeline = UUID.randomUUID();
        String director = TestTokens.director(DIRECTOR);
        assertThat(call(HttpMethod.PUT, "/api/contracts/auto-draft/" + pipeline, director, null, body("enabled", false)).status()).isEqualTo(200);
        publish("OpportunityWon", won(opportunity, pipeline));
        await().atMost(Duration.ofSeconds(60)).until(() -> rows("select count(*) from won_opportunity where opportunity_id = :o", "o", opportunity) == 1);
        Answer a = post("/api/contracts", TestTokens.rep(REP_A), null, body("opportunityId", opportunity));
        assertThat(a.status()).as(a.text()).isEqualTo(201);
        String id = a.id();
        a = post("/api/contracts/" + id + "/submit", TestTokens.rep(REP_A), a.etag(), null);
        assertThat(a.json().path("status").asString()).isEqualTo("PENDING_APPROVAL");

        publish("OpportunityReopened", reopened(opportunity, pipeline, "WON"));
        await().atMost(Duration.ofSeconds(60)).until(() -> !latest(id).json().path("opportunityReopened").isNull());
        a = latest(id);
        assertThat(a.json().path("opportunityReopened").path("on").asString()).isEqualTo("2026-11-24");
        assertThat(a.json().path("opportunityReopened").path("reason").asString()).isEqualTo("purchase order withdrawn");
        Answer approve = post("/api/contracts/" + id + "/approve", TestTokens.manager(MANAGER_EAST), a.etag(), body("comment", "ok"));
        assertThat(approve.status()).isEqualTo(409);
        assertThat(approve.type()).isEqualTo(PROBLEMS + "opportunity-reopened");
        assertThat(latest(id).json().path("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(rows("select count(*) from audit_entry where entity_id = :id and action = 'OpportunityReopened'", "id", UUID.fromString(id)))
                .isEqualTo(1);

        publish("OpportunityWon", won(opportunity, pipeline));
        await().atMost(Duration.ofSeconds(60)).until(() -> latest(id).json().path("opportunityReopened").isNull());
        a = latest(id);
        approve = post("/api/contracts/" + id + "/approve", TestTokens.manager(MANAGER_EAST), a.etag(), body("comment", "ok"));
        assertThat(approve.status()).as(approve.text()).isEqualTo(200);
        assertThat(approve.json().path("status").asString()).isEqualTo("APPROVED");
        assertThat(contractsOf(opportunity)).isEqualTo(1);
        assertThat(eventsOf(id)).isEmpty();
    }

    @Test
    void aSignedContractIsKeptAndFlaggedForAHumanAndAReopenedLossChangesNothing() {
        UUID opportunity = UUID.randomUUID();
        UUID pipeline = UUID.randomUUID();
        publish("OpportunityWon", won(opportunity, pipeline));
        await().atMost(Duration.ofSeconds(60)).until(() -> contractsOf(opportunity) == 1);
        String id = contractOf(opportunity).path("id").asString();
        Answer a = latest(id);
        a = post("/api/contracts/" + id + "/submit", TestTokens.rep(REP_A), a.etag(), null);
        a = post("/api/contracts/" + id + "/approve", TestTokens.manager(MANAGER_EAST), a.etag(), body("comment", "ok"));
        a = post("/api/contracts/" + id + "/sign", TestTokens.manager(MANAGER_EAST), a.etag(), body("signedDate", "2026-11-20"));
        assertThat(a.json().path("status").asString()).as(a.text()).isEqualTo("SIGNED");

        publish("OpportunityReopened", reopened(opportunity, pipeline, "LOST"));
        publish("OpportunityReopened", reopened(opportunity, pipeline, "WON"));
        await().atMost(Duration.ofSeconds(60)).until(() -> !latest(id).json().path("opportunityReopened").isNull());
        a = latest(id);
        assertThat(a.json().path("status").asString()).isEqualTo("SIGNED");
        assertThat(a.json().path("value").path("amount").asString()).isEqualTo("50000.00");
        assertThat(rows("select count(*) from audit_entry where entity_id = :id and action = 'OpportunityReopened'", "id", UUID.fromString(id)))
                .isEqualTo(1);
        assertThat(eventsOf(id)).extracting(OutboxEvent::eventType).containsExactly("ContractSigned");
        // the human's call: terminate it (the reversal of its credit is target-service's, from OpportunityReopened)
        Answer terminated = post("/api/contracts/" + id + "/terminate", TestTokens.manager(MANAGER_EAST), a.etag(),
                body("terminationDate", "2026-11-25", "reason", "deal reopened"));
        assertThat(terminated.json().path("status").asString()).as(terminated.text()).isEqualTo("TERMINATED");
    }
}
