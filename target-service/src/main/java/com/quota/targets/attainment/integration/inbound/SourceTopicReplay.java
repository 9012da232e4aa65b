package com.quota.targets.attainment.integration.inbound;

import com.quota.eventcontracts.Topics;
import com.quota.messaging.consumer.InboundEvent;
import com.quota.targets.attainment.SourceEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the attainment source topics from offset 0 to their end at the start of the read, without a consumer group
 * (nothing is committed, the live consumer is untouched), as the ledger's source events in each partition's order.
 */
@Component
public class SourceTopicReplay {

    /** The topics and event types the ledger is built from. */
    public static final Map<String, Set<String>> SOURCES = Map.of(
            Topics.PIPELINE_OPPORTUNITY, Set.of("OpportunityWon", "OpportunityReopened"),
            Topics.CONTRACTS_CONTRACT, Set.of("ContractSigned", "ContractAmended", "ContractTerminated", "PaymentReceived"));

    private final KafkaProperties kafka;
    private final ObjectProvider<KafkaConnectionDetails> connection;

    public SourceTopicReplay(KafkaProperties kafka, ObjectProvider<KafkaConnectionDetails> connection) {
        this.kafka = kafka;
        this.connection = connection;
    }

    /** One polled batch: its source events (in offset order per partition), how many records were read, skipped. */
    public record Batch(String topic, List<SourceEvent> events, List<String> invalid, long read, long total) {
    }

    /**
     * Reads {@code topic} from its beginning to the end offsets seen now, handing each poll's source events to
     * {@code onBatch} (blocking: call it off the event loop). An event that cannot be credited is reported, not fed.
     */
    public void replay(String topic, Consumer<Batch> onBatch) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        connection.ifAvailable(details -> config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", details.getConsumer().getBootstrapServers())));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        Set<String> types = SOURCES.get(topic);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
            long total = partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
            long read = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                List<SourceEvent> events = new ArrayList<>();
                List<String> invalid = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(partition)) {
                        continue;
                    }
                    read++;
                    try {
                        InboundEvent event = InboundEvent.from(record, InboundEvent.DEFAULT_MAPPER);
                        if (types.contains(event.eventType())) {
                            SourceEventReader.read(event).ifPresent(events::add);
                        }
                    } catch (RuntimeException e) {
                        invalid.add(topic + "-" + record.partition() + "@" + record.offset() + ": " + e.getMessage());
                    }
                }
                onBatch.accept(new Batch(topic, events, invalid, read, total));
            }
        }
    }
}
