package com.quota.messaging;

import com.quota.eventcontracts.EventHeaders;
import com.quota.messaging.health.KafkaHealthIndicator;
import com.quota.messaging.outbox.Traceparent;
import com.quota.messaging.testapp.TestMessagingApplication;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class TransactionalOutboxIT extends EmbeddedKafkaTestBase {

    @Autowired
    private KafkaHealthIndicator kafkaHealth;
    @Autowired
    private HealthContributorRegistry healthContributors;

    @Test
    void rolledBackBusinessTransactionLeavesNoOutboxRowAndNoEvent() {
        String account = newAccount("rollback");
        UUID failedDeal = UUID.randomUUID();

        assertThatThrownBy(() -> deals.recordDealThenFail(account, 1, failedDeal).block())
                .hasMessageContaining("breaks a business rule");
        UUID committedDeal = deals.recordDeal(account, 2, new BigDecimal("5.00")).block();

        assertThat(count("SELECT count(*) FROM sales_deal WHERE id = :id", "id", failedDeal)).isZero();
        assertThat(count("SELECT count(*) FROM outbox_event WHERE payload->>'dealId' = :id", "id", failedDeal.toString())).isZero();
        // the committed deal of the same account (same key, same partition, later) arrives; the failed one never did
        await().atMost(Duration.ofSeconds(30)).until(() -> effectsOfAccount(account) == 1);
        assertThat(count("SELECT count(*) FROM deal_effect WHERE deal_id = :id", "id", committedDeal)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM deal_effect WHERE deal_id = :id", "id", failedDeal)).isZero();
        List<ConsumerRecord<String, byte[]>> onTopic = TopicReader.readAll(bootstrapServers(), TestMessagingApplication.TOPIC)
                .stream().filter(r -> account.equals(r.key())).toList();
        assertThat(onTopic).hasSize(1);
        assertThat(TopicReader.value(onTopic.get(0))).contains(committedDeal.toString()).doesNotContain(failedDeal.toString());
    }

    @Test
    void committedDealIsPublishedWithTheFullEnvelope() {
        String account = newAccount("envelope");
        Instant before = Instant.now();

        UUID deal = deals.recordDeal(account, 1, new BigDecimal("12500")).block();

        await().atMost(Duration.ofSeconds(30)).until(() -> effectsOfAccount(account) == 1);
        ConsumerRecord<String, byte[]> record = TopicReader.readAll(bootstrapServers(), TestMessagingApplication.TOPIC)
                .stream().filter(r -> account.equals(r.key())).findFirst().orElseThrow();
        UUID eventId = UUID.fromString(TopicReader.header(record, EventHeaders.EVENT_ID));
        assertThat(eventId.version()).as("UUIDv7").isEqualTo(7);
        assertThat(TopicReader.header(record, EventHeaders.EVENT_TYPE)).isEqualTo("DealRecorded");
        assertThat(TopicReader.header(record, EventHeaders.SCHEMA_VERSION)).isEqualTo("1");
        assertThat(TopicReader.header(record, EventHeaders.AGGREGATE_ID)).isEqualTo(account);
        assertThat(Instant.parse(TopicReader.header(record, EventHeaders.OCCURRED_AT))).isBetween(before, Instant.now());
        assertThat(TopicReader.header(record, EventHeaders.TRACEPARENT)).matches(Traceparent::isValid);
        assertThat(TopicReader.value(record)).contains("\"amount\": \"12500.00\"").contains(deal.toString());
        assertThat(count("SELECT count(*) FROM outbox_event WHERE id = :id AND published_at IS NOT NULL AND attempts = 1",
                "id", eventId)).isEqualTo(1);
        assertThat(metrics.count("quota.messaging.outbox.published", "topic", TestMessagingApplication.TOPIC)).isPositive();
    }

    @Test
    void messagingTablesKeepTheirOwnMigrationHistoryBesideTheServices() {
        long messagingV1 = count("SELECT count(*) FROM messaging_schema_history WHERE version = :v AND success", "v", "1");
        long serviceV1 = count("SELECT count(*) FROM flyway_schema_history WHERE version = :v AND success", "v", "1");

        assertThat(messagingV1).isEqualTo(1);
        assertThat(serviceV1).isEqualTo(1);
    }

    @Test
    void kafkaHealthIsUpWhileTheBrokerAnswers() {
        Health health = kafkaHealth.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("nodes", 1).containsKey("clusterId");
        assertThat(healthContributors.getContributor("kafka")).as("registered as the kafka contributor").isSameAs(kafkaHealth);
    }
}
