package com.quota.targets.attainment;

import com.quota.eventcontracts.EventHeaders;
import com.quota.eventcontracts.EventSchemas;
import com.quota.eventcontracts.Topics;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Publishes schema-valid golden OpportunityWon events to the real broker, as pipeline-service would. */
final class SourceEventProducer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaTemplate<String, byte[]> kafka;

    SourceEventProducer(String brokers) {
        kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
    }

    /** Publishes a win of {@code amount} CNY on {@code closeDate}, 100 % to {@code rep}, keyed {@code key}. */
    UUID win(UUID key, UUID rep, String amount, String closeDate) {
        UUID eventId = UUID.randomUUID();
        send(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", key, eventId, won(UUID.randomUUID(), rep, amount, closeDate));
        return eventId;
    }

    static String won(UUID opportunity, UUID rep, String amount, String closeDate) {
        return won(opportunity, Map.of(rep, "100"), rep, amount, closeDate);
    }

    /** A win split between the reps (percent each), {@code primary} the primary owner. */
    static String won(UUID opportunity, Map<UUID, String> splits, UUID primary, String amount, String closeDate) {
        String json = wonUnchecked(opportunity, splits, primary, amount, closeDate);
        assertThat(EventSchemas.validate("OpportunityWon", json)).isEmpty();
        return json;
    }

    /** As {@link #won(UUID, Map, UUID, String, String)} without validating (a benchmark validates a sample). */
    static String wonUnchecked(UUID opportunity, Map<UUID, String> splits, UUID primary, String amount, String closeDate) {
        StringBuilder owners = new StringBuilder("[");
        splits.forEach((rep, percent) -> owners.append(owners.length() > 1 ? "," : "").append("{\"repId\": \"").append(rep)
                .append("\", \"splitPercent\": \"").append(percent).append("\", \"primary\": ")
                .append(rep.equals(primary)).append('}'));
        owners.append(']');
        ObjectNode node = (ObjectNode) JSON.readTree(EventSchemas.goldenExample("OpportunityWon"));
        node.put("opportunityId", opportunity.toString());
        node.put("accountId", UUID.randomUUID().toString());
        node.set("owners", JSON.readTree(owners.toString()));
        JsonNode money = JSON.readTree("{\"amount\": \"" + amount + "\", \"currency\": \"CNY\"}");
        node.set("amount", money);
        node.set("reportingAmount", money);
        node.put("fxRate", "1");
        node.put("closeDate", closeDate);
        node.put("fxRateDate", closeDate);
        node.put("firstWinOfAccount", false);
        return JSON.writeValueAsString(node);
    }

    void send(String topic, String eventType, UUID key, UUID eventId, String payload) {
        sendAsync(topic, eventType, key, eventId, payload).join();
    }

    CompletableFuture<?> sendAsync(String topic, String eventType, UUID key, UUID eventId, String payload) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key.toString(),
                payload.getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.EVENT_ID, eventId.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.EVENT_TYPE, eventType.getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.SCHEMA_VERSION, "1".getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.OCCURRED_AT, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.AGGREGATE_ID, key.toString().getBytes(StandardCharsets.UTF_8));
        return kafka.send(record);
    }

    @Override
    public void close() {
        kafka.destroy();
    }
}
