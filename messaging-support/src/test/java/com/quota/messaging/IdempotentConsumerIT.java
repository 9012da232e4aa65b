package com.quota.messaging;

import com.quota.messaging.inbox.Inbox;
import com.quota.messaging.testapp.TestMessagingApplication;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.listener.MessageListenerContainer;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class IdempotentConsumerIT extends EmbeddedKafkaTestBase {

    @Autowired
    private Inbox inbox;

    @Test
    void duplicateDeliveryHasOneEffect() throws Exception {
        String account = newAccount("duplicate");
        UUID deal = deals.recordDeal(account, 1, BigDecimal.ONE).block();
        await().atMost(Duration.ofSeconds(30)).until(() -> effectsOfAccount(account) == 1);
        ConsumerRecord<String, byte[]> published = TopicReader.readAll(bootstrapServers(), TestMessagingApplication.TOPIC)
                .stream().filter(r -> account.equals(r.key())).findFirst().orElseThrow();
        double duplicatesBefore = duplicates();

        // the same record delivered again, twice (as after a relay crash between send and commit)
        try (KafkaProducer<String, byte[]> producer = rawProducer()) {
            for (int i = 0; i < 2; i++) {
                producer.send(new ProducerRecord<>(published.topic(), null, published.key(), published.value(), published.headers())).get();
            }
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> duplicates() >= duplicatesBefore + 2);
        assertThat(count("SELECT count(*) FROM deal_effect WHERE deal_id = :id", "id", deal)).isEqualTo(1);
    }

    @Test
    void replayingTheTopicFromOffsetZeroChangesNothing() {
        String account = newAccount("replay");
        for (int seq = 1; seq <= 5; seq++) {
            deals.recordDeal(account, seq, BigDecimal.TEN).block();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> effectsOfAccount(account) == 5);
        long effectsBefore = count("SELECT count(*) FROM deal_effect WHERE seq > :min", "min", -1);
        double duplicatesBefore = duplicates();
        String replayGroup = "deal-projection-replay-" + UUID.randomUUID();

        MessageListenerContainer replay = consumers.replay(TestMessagingApplication.CONSUMER, replayGroup);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> caughtUp(replayGroup));
        } finally {
            replay.stop();
        }

        assertThat(count("SELECT count(*) FROM deal_effect WHERE seq > :min", "min", -1)).isEqualTo(effectsBefore);
        assertThat(effectsOfAccount(account)).isEqualTo(5);
        assertThat(duplicates() - duplicatesBefore).as("every applied event was seen again and skipped").isGreaterThanOrEqualTo(5);
    }

    @Test
    void inboxAppliesAnEffectOnceAndRecordsNothingWhenTheEffectFails() {
        UUID eventId = UUID.randomUUID();
        AtomicInteger applied = new AtomicInteger();
        Mono<Void> effect = Mono.fromRunnable(applied::incrementAndGet);

        assertThatThrownBy(() -> inbox.processOnce("inbox-test", eventId, "DealRecorded",
                Mono.error(new IllegalStateException("effect failed"))).block()).hasMessageContaining("effect failed");
        assertThat(inbox.hasProcessed("inbox-test", eventId).block()).as("a failed effect records nothing").isFalse();

        assertThat(inbox.processOnce("inbox-test", eventId, "DealRecorded", effect).block()).isTrue();
        assertThat(inbox.processOnce("inbox-test", eventId, "DealRecorded", effect).block()).isFalse();
        assertThat(inbox.processOnce("another-consumer", eventId, "DealRecorded", effect).block())
                .as("each consumer applies the event once").isTrue();
        assertThat(applied).hasValue(2);
    }

    private double duplicates() {
        return metrics.count("quota.messaging.inbox.duplicates", "consumer", TestMessagingApplication.CONSUMER);
    }

    private boolean caughtUp(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            List<TopicPartition> partitions = admin.describeTopics(List.of(TestMessagingApplication.TOPIC))
                    .allTopicNames().get().get(TestMessagingApplication.TOPIC).partitions().stream()
                    .map(p -> new TopicPartition(TestMessagingApplication.TOPIC, p.partition())).toList();
            Map<TopicPartition, Long> end = admin.listOffsets(partitions.stream()
                            .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            return partitions.stream().allMatch(p -> end.get(p) == 0
                    || (committed.get(p) != null && committed.get(p).offset() >= end.get(p)));
        }
    }

    private KafkaProducer<String, byte[]> rawProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }
}
