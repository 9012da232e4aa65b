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
    private com.quota.messaging.outbox.OutboxWriter outbox;
    @Autowired
    private org.springframework.transaction.ReactiveTransactionManager transactions;
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

    @Test
    void severalEventsAreWrittenInOneStatementInTheCallersOrderAndAWrittenIdIsKept() {
        String first = newAccount("batch-a");
        String second = newAccount("batch-b");
        UUID repeated = UUID.randomUUID();
        List<com.quota.messaging.outbox.OutboxMessage> messages = List.of(
                archived(repeated, first, 1), archived(UUID.randomUUID(), second, 2), archived(UUID.randomUUID(), first, 3),
                // the same event again (a derived event re-written with its name-based id): kept once
                archived(repeated, first, 99));

        org.springframework.transaction.reactive.TransactionalOperator.create(transactions)
                .transactional(outbox.appendAll(messages)).block(Duration.ofSeconds(30));

        List<String> seqsInPositionOrder = db.sql("SELECT payload->>'seq' AS seq FROM outbox_event "
                        + "WHERE message_key IN (:first, :second) ORDER BY position")
                .bind("first", first).bind("second", second)
                .map((row, meta) -> row.get("seq", String.class)).all().collectList().block();
        assertThat(seqsInPositionOrder).containsExactly("1", "2", "3");
        assertThat(count("SELECT count(*) FROM outbox_event WHERE id = :id AND headers->>'eventId' = id::text", "id", repeated))
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM outbox_event WHERE message_key = :key "
                + "AND published_at IS NOT NULL", "key", first) == 2);
        assertThatThrownBy(() -> outbox.appendAll(messages).block())
                .as("never outside a transaction").hasMessageContaining("needs a transaction");
    }

    private static com.quota.messaging.outbox.OutboxMessage archived(UUID id, String key, int seq) {
        return com.quota.messaging.outbox.OutboxMessage.of(TestMessagingApplication.TOPIC, "DealArchived", "1", key)
                .eventId(id).payload(java.util.Map.of("seq", seq)).build();
    }
}
