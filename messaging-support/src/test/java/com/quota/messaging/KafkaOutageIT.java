package com.quota.messaging;

import com.quota.eventcontracts.EventHeaders;
import com.quota.localstack.infra.KafkaBroker;
import com.quota.messaging.health.KafkaHealthIndicator;
import com.quota.messaging.testapp.DealService;
import com.quota.messaging.testapp.TestMessagingApplication;
import com.quota.testsupport.postgres.TestPostgres;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "Kafka down" with a real broker process (KafkaBroker from local-stack): stopped while the service keeps writing,
 * then started again on the same data directory.
 */
@SpringBootTest(classes = {TestMessagingApplication.class, KafkaOutageIT.BrokerLifecycle.class})
@DirtiesContext
class KafkaOutageIT {

    private static final int ACCOUNTS = 3;
    private static final int BEFORE_OUTAGE = 3;
    private static final int DURING_OUTAGE = 20;

    private static KafkaBroker broker;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestPostgres.registerNewDatabase(registry, "outage");
        broker = KafkaBroker.builder()
                .dataDir(Path.of("target", "kafka-outage-" + UUID.randomUUID()))
                .build();
        broker.start();
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
    }

    /** Stops the broker after the application's consumers and relay, when this test's context closes. */
    @TestConfiguration
    static class BrokerLifecycle {
        @Bean
        SmartLifecycle brokerStopper() {
            return new SmartLifecycle() {
                private volatile boolean running;

                @Override
                public void start() {
                    running = true;
                }

                @Override
                public void stop() {
                    running = false;
                    broker.stop();
                }

                @Override
                public boolean isRunning() {
                    return running;
                }

                @Override
                public int getPhase() {
                    return Integer.MIN_VALUE;
                }
            };
        }
    }

    @Autowired
    private DealService deals;
    @Autowired
    private DatabaseClient db;
    @Autowired
    private KafkaHealthIndicator kafkaHealth;
    @Autowired
    private MessagingMetrics metrics;

    @Test
    void eventsWrittenWhileKafkaIsDownArriveExactlyOnceAfterItIsBack() {
        List<String> accounts = IntStream.range(0, ACCOUNTS).mapToObj(i -> "outage-" + i + "-" + UUID.randomUUID()).toList();
        for (String account : accounts) {
            for (int seq = 1; seq <= BEFORE_OUTAGE; seq++) {
                deals.recordDeal(account, seq, BigDecimal.ONE).block();
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> totalEffects(accounts) == ACCOUNTS * BEFORE_OUTAGE);

        broker.stop();
        assertThat(kafkaHealth.health().getStatus()).isEqualTo(Status.DOWN);
        for (String account : accounts) {
            for (int seq = BEFORE_OUTAGE + 1; seq <= BEFORE_OUTAGE + DURING_OUTAGE; seq++) {
                // the service keeps working: the event waits in the outbox
                deals.recordDeal(account, seq, BigDecimal.ONE).block(Duration.ofSeconds(10));
            }
        }
        // the relay tried, failed and recorded it, and nothing got through
        await().atMost(Duration.ofSeconds(60)).until(() -> scalar(
                "SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND attempts > 0 AND last_error IS NOT NULL") > 0);
        assertThat(totalEffects(accounts)).isEqualTo(ACCOUNTS * BEFORE_OUTAGE);
        await().atMost(Duration.ofSeconds(30)).until(() -> gauge("quota.messaging.outbox.backlog") == ACCOUNTS * DURING_OUTAGE
                && gauge("quota.messaging.outbox.oldest.pending.age") > 0);
        assertThat(metrics.count("quota.messaging.outbox.publish.failures")).isPositive();

        broker.start();

        int total = ACCOUNTS * (BEFORE_OUTAGE + DURING_OUTAGE);
        await().atMost(Duration.ofSeconds(120)).until(() -> totalEffects(accounts) == total);
        assertThat(kafkaHealth.health().getStatus()).isEqualTo(Status.UP);
        assertThat(scalar("SELECT count(*) FROM outbox_event WHERE published_at IS NULL")).as("nothing left behind").isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> gauge("quota.messaging.outbox.backlog") == 0);
        List<Integer> expected = IntStream.rangeClosed(1, BEFORE_OUTAGE + DURING_OUTAGE).boxed().toList();
        for (String account : accounts) {
            List<Integer> applied = db.sql("SELECT seq FROM deal_effect WHERE account_id = :account ORDER BY applied_order")
                    .bind("account", account).map((row, meta) -> row.get("seq", Integer.class)).all().collectList().block();
            assertThat(applied).as("each deal of %s applied exactly once, in order", account).isEqualTo(expected);
        }
        // the restarted broker kept what it had before the stop: the topic holds every event, from offset 0
        Set<String> ours = Set.copyOf(accounts);
        List<ConsumerRecord<String, byte[]>> onTopic = TopicReader.readAll(broker.bootstrapServers(), TestMessagingApplication.TOPIC)
                .stream().filter(r -> ours.contains(r.key())).toList();
        Map<String, Long> distinctEvents = onTopic.stream()
                .collect(Collectors.groupingBy(r -> TopicReader.header(r, EventHeaders.EVENT_ID), Collectors.counting()));
        assertThat(distinctEvents).hasSize(total);
    }

    private long totalEffects(List<String> accounts) {
        return db.sql("SELECT count(*) FROM deal_effect WHERE account_id = ANY(:accounts)")
                .bind("accounts", accounts.toArray(String[]::new))
                .map((row, meta) -> row.get(0, Long.class)).one().block();
    }

    private double gauge(String name) {
        return metrics.registry().get(name).gauge().value();
    }

    private long scalar(String sql) {
        return db.sql(sql).map((row, meta) -> row.get(0, Long.class)).one().block();
    }
}
