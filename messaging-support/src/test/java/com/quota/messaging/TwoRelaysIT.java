package com.quota.messaging;

import com.quota.eventcontracts.EventHeaders;
import com.quota.messaging.consumer.InboundEvent;
import com.quota.messaging.relay.OutboxRelay;
import com.quota.messaging.relay.RelayProducer;
import com.quota.messaging.relay.RetryBackoff;
import com.quota.messaging.testapp.TestMessagingApplication;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TwoRelaysIT extends EmbeddedKafkaTestBase {

    private static final int ACCOUNTS = 20;
    private static final int DEALS_PER_ACCOUNT = 20;

    @Autowired
    private OutboxRelay applicationRelay;

    @Test
    void twoRelaysWithTheirOwnPoolsPublishEveryRowExactlyOnceAndInOrder() {
        List<String> accounts = IntStream.range(0, ACCOUNTS).mapToObj(i -> newAccount("two-relays")).toList();
        int total = ACCOUNTS * DEALS_PER_ACCOUNT;
        applicationRelay.stop();
        ConnectionPool poolA = pool();
        ConnectionPool poolB = pool();
        MessagingMetrics metricsA = new MessagingMetrics(new SimpleMeterRegistry());
        MessagingMetrics metricsB = new MessagingMetrics(new SimpleMeterRegistry());
        OutboxRelay relayA = relay("a", poolA, metricsA);
        OutboxRelay relayB = relay("b", poolB, metricsB);
        try {
            // all rows pending before either relay starts, so both compete for them from the first poll
            Flux.fromIterable(accounts)
                    .flatMap(account -> Flux.range(1, DEALS_PER_ACCOUNT).concatMap(seq -> deals.recordDeal(account, seq, BigDecimal.ONE)), 4)
                    .blockLast(Duration.ofSeconds(60));
            relayA.start();
            relayB.start();

            await().atMost(Duration.ofSeconds(60)).until(() -> accounts.stream().allMatch(a -> effectsOfAccount(a) == DEALS_PER_ACCOUNT));
        } finally {
            relayA.close();
            relayB.close();
            poolA.dispose();
            poolB.dispose();
            applicationRelay.start();
        }

        Set<String> ours = Set.copyOf(accounts);
        List<ConsumerRecord<String, byte[]>> onTopic = TopicReader.readAll(bootstrapServers(), TestMessagingApplication.TOPIC)
                .stream().filter(r -> ours.contains(r.key())).toList();
        Map<String, Long> copiesPerEvent = onTopic.stream()
                .collect(Collectors.groupingBy(r -> TopicReader.header(r, EventHeaders.EVENT_ID), Collectors.counting()));
        assertThat(copiesPerEvent).as("every event on Kafka").hasSize(total);
        assertThat(copiesPerEvent.values()).as("no row published twice").containsOnly(1L);
        double publishedA = metricsA.count("quota.messaging.outbox.published");
        double publishedB = metricsB.count("quota.messaging.outbox.published");
        assertThat(publishedA + publishedB).isEqualTo(total);
        assertThat(publishedA).as("relay a took part").isPositive();
        assertThat(publishedB).as("relay b took part").isPositive();
        for (String account : accounts) {
            List<Integer> applied = db.sql("SELECT seq FROM deal_effect WHERE account_id = :account ORDER BY applied_order")
                    .bind("account", account).map((row, meta) -> row.get("seq", Integer.class)).all().collectList().block();
            assertThat(applied).as("one effect per deal, in order, across relays")
                    .isEqualTo(IntStream.rangeClosed(1, DEALS_PER_ACCOUNT).boxed().toList());
        }
    }

    @Test
    void publishedRowsPastTheRetentionArePurgedAndPendingRowsKept() {
        String account = newAccount("purge");
        deals.recordDeal(account, 1, BigDecimal.ONE).block();
        await().atMost(Duration.ofSeconds(30)).until(() -> effectsOfAccount(account) == 1);
        applicationRelay.stop();
        ConnectionPool pool = pool();
        try {
            deals.recordDeal(account, 2, BigDecimal.ONE).block();
            OutboxRelay keepsNothing = new OutboxRelay("purge", pool, RelayProducer.factory(kafka(), Map.of()),
                    settings(Duration.ZERO), new MessagingMetrics(new SimpleMeterRegistry()), InboundEvent.DEFAULT_MAPPER);

            long purged = keepsNothing.purgePublished();

            assertThat(purged).isPositive();
            assertThat(count("SELECT count(*) FROM outbox_event WHERE aggregate_id = :a AND published_at IS NOT NULL", "a", account)).isZero();
            assertThat(count("SELECT count(*) FROM outbox_event WHERE aggregate_id = :a AND published_at IS NULL", "a", account)).isEqualTo(1);
            keepsNothing.close();
        } finally {
            pool.dispose();
            applicationRelay.start();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> effectsOfAccount(account) == 2);
    }

    private OutboxRelay relay(String name, ConnectionPool pool, MessagingMetrics relayMetrics) {
        return new OutboxRelay(name, pool, RelayProducer.factory(kafka(), Map.of()), settings(Duration.ofDays(7)),
                relayMetrics, InboundEvent.DEFAULT_MAPPER);
    }

    private static OutboxRelay.Settings settings(Duration retention) {
        return new OutboxRelay.Settings(Duration.ofMillis(20), 25,
                new RetryBackoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1)), retention, Duration.ofHours(1),
                Duration.ofSeconds(5), Duration.ofSeconds(30), 5, Duration.ofSeconds(15));
    }

    private Map<String, Object> kafka() {
        return Map.of("bootstrap.servers", bootstrapServers());
    }

    /** A pool of its own, as a second instance of the service would have. */
    private ConnectionPool pool() {
        ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(environment.getRequiredProperty("spring.r2dbc.url")).mutate()
                .option(ConnectionFactoryOptions.USER, environment.getRequiredProperty("spring.r2dbc.username"))
                .option(ConnectionFactoryOptions.PASSWORD, environment.getRequiredProperty("spring.r2dbc.password"))
                .build();
        return new ConnectionPool(ConnectionPoolConfiguration.builder(ConnectionFactories.get(options)).maxSize(4).build());
    }
}
