package com.quota.messaging.relay;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

import java.util.HashMap;
import java.util.Map;

/** The relay's Kafka producer: idempotent, acks from every in-sync replica, bounded waits. */
public final class RelayProducer {

    private RelayProducer() {
    }

    /**
     * A producer factory over the application's Kafka settings (bootstrap servers, security), with the relay's
     * guarantees on top and then {@code overrides} (from {@code quota.messaging.relay.producer.*}).
     */
    public static DefaultKafkaProducerFactory<String, String> factory(Map<String, Object> base, Map<String, String> overrides) {
        Map<String, Object> config = new HashMap<>(base);
        // plain idempotent producer: the outbox row, not a Kafka transaction, is the unit of work
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        // a broker that is down fails a send within these, and the rows are retried with back-off
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        // the relay flushes after each round; lingering would only add latency
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        config.putAll(overrides);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new DefaultKafkaProducerFactory<>(config);
    }
}
