package com.quota.messaging;

import com.quota.eventcontracts.EventHeaders;
import com.quota.messaging.testapp.TestMessagingApplication;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeadLetterIT extends EmbeddedKafkaTestBase {

    private static final String DLT = TestMessagingApplication.TOPIC + "-dlt";

    @Test
    void poisonMessagesGoToTheDeadLetterTopicAndThePartitionKeepsFlowing() throws Exception {
        String account = newAccount("poison");
        String neighbour = samePartitionAs(account);
        double deadLetteredBefore = metrics.count("quota.messaging.consumer.dead.lettered", "topic", TestMessagingApplication.TOPIC);
        RecordMetadata invalidJson;
        RecordMetadata missingEventId;
        try (KafkaProducer<String, byte[]> producer = rawProducer()) {
            invalidJson = producer.send(record(account, envelope(UUID.randomUUID(), "DealRecorded"), "{\"dealId\": oops")).get();
            RecordHeaders noId = envelope(null, "DealRecorded");
            missingEventId = producer.send(record(account, noId, "{\"dealId\":\"" + UUID.randomUUID() + "\"}")).get();
            // a type this consumer does not handle: skipped and counted, not an error
            producer.send(record(account, envelope(UUID.randomUUID(), "DealArchived"), "{}")).get();
        }

        UUID parked = deals.recordDeal(account, 1, BigDecimal.ONE).block();
        UUID later = deals.recordDeal(neighbour, 1, BigDecimal.ONE).block();

        // another key of the same partition flows; the poisoned key's later event waits behind its dead letters
        await().atMost(Duration.ofSeconds(30)).until(() -> effectsOfAccount(neighbour) == 1);
        assertThat(count("SELECT count(*) FROM deal_effect WHERE deal_id = :id", "id", later)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> parkedOf(account) == 1);
        assertThat(count("SELECT count(*) FROM deal_effect WHERE deal_id = :id", "id", parked)).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters(account).size() == 2);
        assertThat(count("SELECT count(*) FROM inbox_parked_event WHERE status = 'DEAD_LETTERED' AND message_key = :key",
                "key", account)).as("dead letters are stored for the operator").isEqualTo(2);
        List<ConsumerRecord<String, byte[]>> dead = deadLetters(account);
        assertThat(dead).extracting(ConsumerRecord::partition)
                .as("same partition as the original").containsOnly(invalidJson.partition(), missingEventId.partition());
        assertThat(dead).extracting(TopicReader::value).anyMatch(v -> v.contains("oops"));
        assertThat(dead).allSatisfy(r -> assertThat(TopicReader.header(r, "kafka_dlt-exception-fqcn")).isNotBlank());
        assertThat(metrics.count("quota.messaging.consumer.dead.lettered", "topic", TestMessagingApplication.TOPIC))
                .isGreaterThanOrEqualTo(deadLetteredBefore + 2);
        assertThat(metrics.count("quota.messaging.consumer.events", "event.type", "DealArchived", "outcome", "skipped")).isPositive();
    }

    @Test
    void aHandlerThatKeepsFailingIsRetriedWithBackOffThenDeadLettered() {
        String account = newAccount("rejected");
        String neighbour = samePartitionAs(account);

        deals.recordDealTheConsumerRejects(account, 1).block();
        UUID parked = deals.recordDeal(account, 2, BigDecimal.ONE).block();
        UUID later = deals.recordDeal(neighbour, 1, BigDecimal.ONE).block();

        await().atMost(Duration.ofSeconds(30)).until(() -> effectsOfAccount(neighbour) == 1);
        assertThat(count("SELECT count(*) FROM deal_effect WHERE deal_id = :id", "id", later)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> parkedOf(account) == 1);
        assertThat(count("SELECT count(*) FROM deal_effect WHERE deal_id = :id", "id", parked)).as("parked, not applied").isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters(account).size() == 1);
        ConsumerRecord<String, byte[]> dead = deadLetters(account).get(0);
        UUID eventId = UUID.fromString(TopicReader.header(dead, EventHeaders.EVENT_ID));
        assertThat(probe.attempts(eventId)).as("first try + 2 retries (quota.messaging.consumer.retry.max-retries)").isEqualTo(3);
        assertThat(TopicReader.header(dead, "kafka_dlt-exception-message")).contains("rejects deal");
        assertThat(count("SELECT count(*) FROM inbox_event WHERE event_id = :id", "id", eventId)).as("not applied").isZero();
    }

    @Test
    void aTombstoneIsSkippedNotDeadLetteredAndItsKeyFlowsOn() throws Exception {
        String account = newAccount("tombstone");
        double skippedBefore = metrics.count("quota.messaging.consumer.events", "event.type", "tombstone", "outcome", "skipped");
        try (KafkaProducer<String, byte[]> producer = rawProducer()) {
            // what log compaction's delete marker looks like: a key, no value, no envelope headers
            producer.send(new ProducerRecord<>(TestMessagingApplication.TOPIC, account, null)).get();
        }
        UUID after = deals.recordDeal(account, 1, BigDecimal.ONE).block();

        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM deal_effect WHERE deal_id = :id", "id", after) == 1);
        assertThat(count("SELECT count(*) FROM inbox_parked_event WHERE message_key = :key", "key", account))
                .as("nothing dead-lettered or parked").isZero();
        assertThat(deadLetters(account)).isEmpty();
        assertThat(metrics.count("quota.messaging.consumer.events", "event.type", "tombstone", "outcome", "skipped"))
                .isGreaterThan(skippedBefore);
    }

    private long parkedOf(String key) {
        return count("SELECT count(*) FROM inbox_parked_event WHERE status = 'PARKED' AND message_key = :key", "key", key);
    }

    /** A new key that Kafka's default partitioner puts in the same partition as the given one. */
    private static String samePartitionAs(String key) {
        int partition = partitionOf(key);
        while (true) {
            String candidate = newAccount("neighbour");
            if (partitionOf(candidate) == partition) {
                return candidate;
            }
        }
    }

    private static int partitionOf(String key) {
        return org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 6;
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters(String account) {
        return TopicReader.readAll(bootstrapServers(), DLT).stream().filter(r -> account.equals(r.key())).toList();
    }

    private static ProducerRecord<String, byte[]> record(String key, RecordHeaders headers, String value) {
        return new ProducerRecord<>(TestMessagingApplication.TOPIC, null, key, value.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static RecordHeaders envelope(UUID eventId, String eventType) {
        RecordHeaders headers = new RecordHeaders();
        if (eventId != null) {
            headers.add(EventHeaders.EVENT_ID, eventId.toString().getBytes(StandardCharsets.UTF_8));
        }
        headers.add(EventHeaders.EVENT_TYPE, eventType.getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.SCHEMA_VERSION, "1".getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private KafkaProducer<String, byte[]> rawProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }
}
