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
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** OpportunityWon drafts a contract once (even delivered twice), configurable per pipeline by API. */
class AutoDraftIT extends AbstractContractServiceIT {

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    private void publish(String payload, UUID eventId) {
        KafkaTemplate<String, String> kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers), new StringSerializer(), new StringSerializer()));
        String opportunityId = JSON.readTree(payload).path("opportunityId").asString();
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.PIPELINE_OPPORTUNITY, opportunityId, payload);
        record.headers().add(EventHeaders.EVENT_ID, eventId.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.EVENT_TYPE, "OpportunityWon".getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.SCHEMA_VERSION, "1".getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.OCCURRED_AT, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.AGGREGATE_ID, opportunityId.getBytes(StandardCharsets.UTF_8));
        kafka.send(record).join();
        kafka.destroy();
    }

    private long contractsOf(String opportunityId) {
        return rows("select count(*) from contract where opportunity_id = :o", "o", UUID.fromString(opportunityId));
    }

    @Test
    void theGoldenOpportunityWonPublishedTwiceDraftsOneContractInheritingOwnersCurrencyAndRate() {
        String golden = EventSchemas.goldenExample("OpportunityWon");
        String opportunityId = JSON.readTree(golden).path("opportunityId").asString();
        UUID eventId = UUID.randomUUID();
        publish(golden, eventId);
        publish(golden, eventId);
        // the same win published again under a new event id (a producer retry): still one contract
        publish(golden, UUID.randomUUID());
        await().atMost(Duration.ofSeconds(60)).until(() -> contractsOf(opportunityId) == 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> rows("select count(*) from won_opportunity w where w.opportunity_id = :o and w.event_id <> :e",
                "o", UUID.fromString(opportunityId), "e", eventId) == 1);
        assertThat(contractsOf(opportunityId)).isEqualTo(1);

        JsonNode list = get("/api/contracts?opportunityId=" + opportunityId, TestTokens.director(DIRECTOR)).json();
        assertThat(list.path("items")).hasSize(1);
        JsonNode contract = get("/api/contracts/" + list.path("items").get(0).path("id").asString(), TestTokens.director(DIRECTOR)).json();
        assertThat(contract.path("status").asString()).isEqualTo("DRAFT");
        assertThat(contract.path("value").path("amount").asString()).isEqualTo("180000.00");
        assertThat(contract.path("value").path("currency").asString()).isEqualTo("USD");
        assertThat(contract.path("fxRate").asString()).isEqualTo("7.1234");
        assertThat(contract.path("reportingValue").path("amount").asString()).isEqualTo("1282212.00");
        assertThat(contract.path("owners")).hasSize(2);
        assertThat(contract.path("owners").get(0).path("splitPercent").asString()).isEqualTo("60");
        assertThat(contract.path("dimensions").path("productLine").asString()).isEqualTo("ANALYZERS");
        // a second draft of the same opportunity by API is a duplicate
        Answer duplicate = post("/api/contracts", TestTokens.director(DIRECTOR), null, body("opportunityId", opportunityId));
        assertThat(duplicate.status()).isEqualTo(409);
    }

    @Test
    void withAutoDraftOffForItsPipelineTheWinIsKeptAndTheContractIsDraftedByApi() {
        UUID pipeline = UUID.randomUUID();
        UUID opportunity = UUID.randomUUID();
        String director = TestTokens.director(DIRECTOR);
        assertThat(get("/api/contracts/auto-draft/" + pipeline, director).json().path("enabled").asBoolean()).isTrue();
        Answer off = call(HttpMethod.PUT, "/api/contracts/auto-draft/" + pipeline, director, null, body("enabled", false));
        assertThat(off.status()).as(off.text()).isEqualTo(200);
        assertThat(call(HttpMethod.PUT, "/api/contracts/auto-draft/" + pipeline, TestTokens.rep(REP_A), null, body("enabled", true)).status()).isEqualTo(403);

        Answer early = post("/api/contracts", director, null, body("opportunityId", opportunity));
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.type()).isEqualTo(PROBLEMS + "not-yet-known-here");

        ObjectNode won = (ObjectNode) JSON.readTree(EventSchemas.goldenExample("OpportunityWon"));
        won.put("opportunityId", opportunity.toString());
        won.put("pipelineId", pipeline.toString());
        EventSchemas.assertValid("OpportunityWon", won.toString());
        publish(won.toString(), UUID.randomUUID());
        await().atMost(Duration.ofSeconds(60)).until(() -> rows("select count(*) from won_opportunity where opportunity_id = :o", "o", opportunity) == 1);
        assertThat(contractsOf(opportunity.toString())).isZero();

        Answer drafted = post("/api/contracts", director, null, body("opportunityId", opportunity, "terms", "Net 60", "endDate", "2031-11-30"));
        assertThat(drafted.status()).as(drafted.text()).isEqualTo(201);
        assertThat(drafted.json().path("opportunityId").asString()).isEqualTo(opportunity.toString());
        assertThat(drafted.json().path("value").path("currency").asString()).isEqualTo("USD");
        assertThat(drafted.json().path("owners").get(1).path("splitPercent").asString()).isEqualTo("40");
        assertThat(drafted.json().path("startDate").asString()).isEqualTo("2026-11-18");
    }
}
