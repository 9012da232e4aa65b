package com.quota.messaging;

import com.quota.localstack.infra.KafkaBroker;
import com.quota.messaging.bench.BenchProjections;
import com.quota.messaging.consumer.EventConsumers;
import com.quota.messaging.outbox.OutboxMessage;
import com.quota.messaging.outbox.OutboxWriter;
import com.quota.messaging.relay.OutboxRelay;
import com.quota.messaging.testapp.TestMessagingApplication;
import com.quota.testsupport.postgres.TestDatabase;
import com.quota.testsupport.postgres.TestPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each stage of the backbone alone, on a backlog: the relay publishing {@code benchmark.backlog} outbox rows (default
 * 100,000), then a consumer draining them from Kafka with a per-event handler, then the same with a batch handler
 * (same effect: two SQL statements per event, or per poll). A warm-up round of 5,000 events goes first. The settings
 * are passed as command-line arguments, so they are the effective ones (the test application.yml would override
 * default properties), and are printed with the figures. Runs only with
 * {@code ./mvnw -B -ntp -pl messaging-support verify -Pbenchmark -Dit.test=BackboneDrainBenchmark}.
 */
class BackboneDrainBenchmark {

    private static final int WARM_UP = 5_000;
    private static final int ACCOUNTS = 1_000;
    private static final int WRITE_CHUNK = 500;

    @Test
    void drainBacklogsStageByStage() throws IOException {
        int backlog = Integer.getInteger("benchmark.backlog", 100_000);
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        TestDatabase database = TestPostgres.newDatabase("drain");
        KafkaBroker broker = KafkaBroker.builder().dataDir(Path.of("target", "drain-kafka-" + UUID.randomUUID())).build();
        broker.start();
        List<String> args = List.of(
                "--spring.r2dbc.url=" + database.r2dbcUrl(),
                "--spring.r2dbc.username=" + database.user(),
                "--spring.r2dbc.password=" + database.password(),
                "--spring.r2dbc.pool.max-size=24",
                "--spring.flyway.url=" + database.jdbcUrl(),
                "--spring.flyway.user=" + database.user(),
                "--spring.flyway.password=" + database.password(),
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                // the documented production defaults, as arguments so the test application.yml cannot override them
                "--quota.messaging.relay.poll-interval=50ms",
                "--quota.messaging.relay.batch-size=500",
                "--quota.messaging.relay.producer.delivery.timeout.ms=30000",
                "--quota.messaging.relay.producer.request.timeout.ms=10000",
                "--quota.messaging.relay.producer.max.block.ms=10000",
                "--quota.messaging.consumer.concurrency=3",
                "--quota.messaging.consumer.auto-startup=false",
                "--quota.messaging.topics.declare=" + BenchProjections.TOPIC);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TestMessagingApplication.class, BenchProjections.class)
                .web(WebApplicationType.NONE).run(args.toArray(String[]::new))) {
            DatabaseClient db = app.getBean(DatabaseClient.class);
            db.sql("""
                    CREATE TABLE bench_effect (consumer text NOT NULL, deal_id uuid NOT NULL, account_id text NOT NULL,
                        seq integer NOT NULL, amount numeric(19,2) NOT NULL, applied_at timestamptz NOT NULL DEFAULT clock_timestamp())
                    """).then().block();
            db.sql("""
                    CREATE TABLE bench_total (consumer text NOT NULL, account_id text NOT NULL, total numeric(19,2) NOT NULL,
                        deals bigint NOT NULL, PRIMARY KEY (consumer, account_id))
                    """).then().block();
            OutboxRelay relay = app.getBean(OutboxRelay.class);
            EventConsumers consumers = app.getBean(EventConsumers.class);
            // containers exist once started; the two benchmark consumers then wait, stopped, for their turn
            consumers.start();
            consumers.containers().get(BenchProjections.PER_EVENT).stop();
            consumers.containers().get(BenchProjections.BATCH).stop();
            System.out.println(effectiveSettings(app.getEnvironment(), consumers));
            OutboxWriter writer = app.getBean(OutboxWriter.class);
            TransactionalOperator tx = TransactionalOperator.create(app.getBean(ReactiveTransactionManager.class));

            Round warmUp = round(db, relay, consumers, writer, tx, WARM_UP, 0);
            Round measured = round(db, relay, consumers, writer, tx, backlog, WARM_UP);

            String report = String.join(System.lineSeparator(),
                    "== BackboneDrainBenchmark ==",
                    machine(loadAtStart),
                    effectiveSettings(app.getEnvironment(), consumers),
                    String.format("warm-up round (%d events): relay %.0f/s, per-event consumer %.0f/s, batch consumer %.0f/s",
                            WARM_UP, warmUp.relay(), warmUp.perEvent(), warmUp.batch()),
                    String.format("A. relay publishing a backlog of %d outbox rows alone: %.0f events/s (%.1f s)",
                            backlog, measured.relay(), backlog / measured.relay()),
                    String.format("B. consumer draining %d events, per-event handler (2 statements per event): %.0f events/s (%.1f s)",
                            backlog, measured.perEvent(), backlog / measured.perEvent()),
                    String.format("C. consumer draining %d events, batch handler (2 statements per poll): %.0f events/s (%.1f s)",
                            backlog, measured.batch(), backlog / measured.batch()),
                    String.format("(the backlog was inserted by SQL at %.0f rows/s; not a figure of the backbone)", measured.write()),
                    String.format("load average at end: %.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            System.out.println(report);
            Files.writeString(Path.of("target", "drain-benchmark-result.txt"), report, StandardCharsets.UTF_8);

            long total = WARM_UP + (long) backlog;
            for (String consumer : List.of(BenchProjections.PER_EVENT, BenchProjections.BATCH)) {
                assertThat(count(db, "SELECT count(*) FROM bench_effect WHERE consumer = '" + consumer + "'")).isEqualTo(total);
                assertThat(count(db, "SELECT CAST(sum(deals) AS bigint) FROM bench_total WHERE consumer = '" + consumer + "'")).isEqualTo(total);
            }
        } finally {
            broker.stop();
        }
    }

    private record Round(double write, double relay, double perEvent, double batch) {
    }

    private static Round round(DatabaseClient db, OutboxRelay relay, EventConsumers consumers, OutboxWriter writer,
                               TransactionalOperator tx, int events, long before) {
        relay.stop();
        long writeStart = System.nanoTime();
        // the backlog goes in with one statement per 10,000 rows (what is measured is the relay and the consumers);
        // the rows are what OutboxWriter writes: same columns, same headers
        for (long from = before; from < before + events; from += 10_000) {
            db.sql("""
                    INSERT INTO outbox_event (id, topic, message_key, event_type, schema_version, payload, headers, aggregate_id)
                    SELECT id, :topic, 'account-' || (n % :accounts), 'DealRecorded', '1',
                           jsonb_build_object('dealId', gen_random_uuid(), 'accountId', 'account-' || (n % :accounts),
                                              'seq', n, 'amount', ((n % 10000) / 100.0)::text),
                           jsonb_build_object('eventId', id, 'eventType', 'DealRecorded', 'schemaVersion', '1',
                                              'occurredAt', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                              'aggregateId', 'account-' || (n % :accounts)),
                           'account-' || (n % :accounts)
                    FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(CAST(:from AS bigint), CAST(:to AS bigint)) AS n) AS rows
                    ORDER BY n
                    """)
                    .bind("topic", BenchProjections.TOPIC)
                    .bind("accounts", ACCOUNTS)
                    .bind("from", from)
                    .bind("to", Math.min(before + events, from + 10_000) - 1)
                    .fetch().rowsUpdated().block(Duration.ofMinutes(10));
        }
        double write = events / seconds(writeStart);

        long relayStart = System.nanoTime();
        relay.start();
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> count(db, "SELECT count(*) FROM outbox_event WHERE published_at IS NULL") == 0);
        double relayRate = events / seconds(relayStart);

        System.out.printf("round of %d: write %.0f/s, relay %.0f/s%n", events, write, relayRate);
        double batch = drain(db, consumers, BenchProjections.BATCH, before + events);
        System.out.printf("round of %d: batch consumer %.0f/s%n", events, batch);
        double perEvent = drain(db, consumers, BenchProjections.PER_EVENT, before + events);
        System.out.printf("round of %d: per-event consumer %.0f/s%n", events, perEvent);
        return new Round(write, relayRate, perEvent, batch);
    }

    /** Starts one consumer on the backlog; events/s from its first to its last applied event (database clock). */
    private static double drain(DatabaseClient db, EventConsumers consumers, String consumer, long expected) {
        MessageListenerContainer container = consumers.containers().get(consumer);
        long before = count(db, "SELECT count(*) FROM bench_effect WHERE consumer = '" + consumer + "'");
        container.start();
        try {
            await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> count(db, "SELECT count(*) FROM bench_effect WHERE consumer = '" + consumer + "'") == expected);
        } finally {
            container.stop();
        }
        long drained = expected - before;
        Double seconds = db.sql("""
                        SELECT EXTRACT(EPOCH FROM max(applied_at) - min(applied_at)) AS s FROM (
                            SELECT applied_at FROM bench_effect WHERE consumer = :consumer ORDER BY applied_at DESC LIMIT :n) last
                        """)
                .bind("consumer", consumer).bind("n", drained)
                .map((row, meta) -> row.get("s", Double.class)).one().block();
        return drained / Math.max(seconds, 0.001);
    }

    private static String machine(double loadAtStart) {
        return String.format("machine: %d cores, %s %s, %s %s %s, max heap %d MB, load average at start %.2f "
                        + "(the machine is shared: other builds run at the same time)",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), loadAtStart);
    }

    private static String effectiveSettings(Environment env, EventConsumers consumers) {
        return "effective settings: relay poll-interval " + env.getProperty("quota.messaging.relay.poll-interval")
                + ", relay batch-size " + env.getProperty("quota.messaging.relay.batch-size")
                + ", producer linger.ms 0, acks=all, idempotent"
                + ", consumer concurrency " + env.getProperty("quota.messaging.consumer.concurrency")
                + ", max.poll.records " + env.getProperty("spring.kafka.consumer.max-poll-records", "500 (Kafka default)")
                + ", partitions " + env.getProperty("quota.messaging.topics.partitions", "6")
                + ", r2dbc pool max " + env.getProperty("spring.r2dbc.pool.max-size")
                + "; embedded PostgreSQL 17 (fsync off), Kafka broker process (1 node)";
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static long count(DatabaseClient db, String sql) {
        Long value = db.sql(sql).map((row, meta) -> row.get(0, Long.class)).one().block();
        return value == null ? 0 : value;
    }
}
