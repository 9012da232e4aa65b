package com.quota.messaging;

import com.quota.localstack.infra.KafkaBroker;
import com.quota.messaging.testapp.ConsumptionProbe;
import com.quota.messaging.testapp.DealService;
import com.quota.messaging.testapp.TestMessagingApplication;
import com.quota.testsupport.postgres.TestDatabase;
import com.quota.testsupport.postgres.TestPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end throughput and latency of the backbone, in process: writers commit a business row plus its event
 * (OutboxWriter), the relay publishes to a real broker process (KafkaBroker), the consumer applies each event
 * through its inbox. Runs only with {@code ./mvnw -B -ntp -pl messaging-support verify -Pbenchmark}
 * ({@code -Dbenchmark.events=N -Dbenchmark.writers=W} to change the load).
 */
class OutboxPipelineBenchmark {

    private static final int WARM_UP_EVENTS = 2_000;
    private static final int ACCOUNTS = 1_000;

    @Test
    void measureCommitToConsumeLatencyAndThroughput() throws IOException {
        int events = Integer.getInteger("benchmark.events", 20_000);
        int writers = Integer.getInteger("benchmark.writers", 8);
        int rate = Integer.getInteger("benchmark.rate", 200);
        int pacedEvents = Integer.getInteger("benchmark.pacedEvents", 6_000);
        TestDatabase database = TestPostgres.newDatabase("benchmark");
        KafkaBroker broker = KafkaBroker.builder().dataDir(Path.of("target", "benchmark-kafka-" + UUID.randomUUID())).build();
        broker.start();
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.r2dbc.url", database.r2dbcUrl());
        properties.put("spring.r2dbc.username", database.user());
        properties.put("spring.r2dbc.password", database.password());
        properties.put("spring.r2dbc.pool.max-size", "24");
        properties.put("spring.flyway.url", database.jdbcUrl());
        properties.put("spring.flyway.user", database.user());
        properties.put("spring.flyway.password", database.password());
        properties.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
        // production defaults of the relay (the test application.yml tunes them for outage tests)
        properties.put("quota.messaging.relay.poll-interval", "50ms");
        properties.put("quota.messaging.relay.batch-size", "500");
        properties.put("quota.messaging.relay.producer.delivery.timeout.ms", "30000");
        properties.put("quota.messaging.relay.producer.request.timeout.ms", "10000");
        properties.put("quota.messaging.relay.producer.max.block.ms", "10000");
        properties.put("quota.messaging.consumer.concurrency", "3");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TestMessagingApplication.class)
                // as command-line arguments: they win over the test application.yml (default properties would not)
                .web(WebApplicationType.NONE)
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new))) {
            DealService deals = app.getBean(DealService.class);
            ConsumptionProbe probe = app.getBean(ConsumptionProbe.class);
            DatabaseClient db = app.getBean(DatabaseClient.class);
            MessagingMetrics metrics = app.getBean(MessagingMetrics.class);

            run(deals, probe, closedLoop(WARM_UP_EVENTS, writers));
            long appliedBefore = probe.appliedCount();
            Run saturated = run(deals, probe, closedLoop(events, writers));
            long appliedSaturated = probe.appliedCount() - appliedBefore;
            Run paced = run(deals, probe, openLoop(pacedEvents, rate));

            long effects = db.sql("SELECT count(*) FROM deal_effect").map((row, meta) -> row.get(0, Long.class)).one().block();
            long pending = db.sql("SELECT count(*) FROM outbox_event WHERE published_at IS NULL").map((row, meta) -> row.get(0, Long.class)).one().block();
            org.springframework.core.env.Environment env = app.getEnvironment();
            String report = String.join(System.lineSeparator(),
                    header(writers),
                    "effective settings: relay poll-interval " + env.getProperty("quota.messaging.relay.poll-interval")
                            + ", relay batch-size " + env.getProperty("quota.messaging.relay.batch-size")
                            + ", consumer concurrency " + env.getProperty("quota.messaging.consumer.concurrency"),
                    phase(String.format("A. saturation: %d events, %d writers each committing as fast as it can", events, writers), saturated, appliedSaturated),
                    phase(String.format("B. paced: %d events offered at %d events/s (open loop, below capacity)", pacedEvents, rate), paced, pacedEvents),
                    counts(effects, pending, metrics),
                    stages(db));
            System.out.println(report);
            Files.writeString(Path.of("target", "benchmark-result.txt"), report, StandardCharsets.UTF_8);
            assertThat(effects).as("every event applied exactly once").isEqualTo(WARM_UP_EVENTS + events + pacedEvents);
            assertThat(pending).isZero();
        } finally {
            broker.stop();
        }
    }

    private record Run(long startNanos, long lastCommitNanos, long lastAppliedNanos, long[] latenciesMicros) {
    }

    /** Writes deals and returns each one's id; the run records when each committed. */
    private interface Load {
        Flux<Mono<UUID>> writes(DealService deals);

        int concurrency();
    }

    /** {@code writers} writers, each writing its next deal as soon as the previous one committed. */
    private static Load closedLoop(int events, int writers) {
        return new Load() {
            public Flux<Mono<UUID>> writes(DealService deals) {
                return Flux.range(0, events).map(n -> deal(deals, n));
            }

            public int concurrency() {
                return writers;
            }
        };
    }

    /** One deal every 1/rate seconds whatever the previous ones do (up to 256 in flight). */
    private static Load openLoop(int events, int rate) {
        return new Load() {
            public Flux<Mono<UUID>> writes(DealService deals) {
                return Flux.interval(Duration.ofNanos(1_000_000_000L / rate)).take(events).onBackpressureBuffer()
                        .map(n -> deal(deals, n.intValue()));
            }

            public int concurrency() {
                return 256;
            }
        };
    }

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private static Mono<UUID> deal(DealService deals, int n) {
        int seq = SEQUENCE.incrementAndGet();
        return deals.recordDeal("account-" + (seq % ACCOUNTS), seq, BigDecimal.valueOf(n % 10_000, 2));
    }

    private static Run run(DealService deals, ConsumptionProbe probe, Load load) {
        Map<UUID, Long> committedAt = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        load.writes(deals)
                .flatMap(write -> write.doOnNext(dealId -> committedAt.put(dealId, System.nanoTime())), load.concurrency())
                .then()
                .block(Duration.ofMinutes(30));
        long lastCommit = System.nanoTime();
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> committedAt.keySet().stream().allMatch(id -> probe.appliedAtNanos(id) != null));
        long[] latencies = new long[committedAt.size()];
        long lastApplied = 0;
        int i = 0;
        for (Map.Entry<UUID, Long> commit : committedAt.entrySet()) {
            long applied = probe.appliedAtNanos(commit.getKey());
            lastApplied = Math.max(lastApplied, applied);
            latencies[i++] = Math.max(0, (applied - commit.getValue()) / 1_000);
        }
        Arrays.sort(latencies);
        return new Run(start, lastCommit, lastApplied, latencies);
    }

    private static String header(int writers) {
        return String.join(System.lineSeparator(),
                "== OutboxPipelineBenchmark ==",
                String.format("machine: %d cores, %s %s (%s), %s %s %s, max heap %d MB, load average at start %.2f",
                        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
                        System.getProperty("java.vendor"), System.getProperty("os.name"), System.getProperty("os.version"),
                        System.getProperty("os.arch"), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()),
                String.format("setup: embedded PostgreSQL 17 (fsync off), Kafka 4.2.1 KRaft broker process (1 node, 6 partitions, acks=all), "
                        + "%d accounts (keys), relay batch 500, poll 50 ms + wake-up on commit, consumer concurrency 3, "
                        + "each event = 1 transaction (business row + outbox row), %d warm-up events first", ACCOUNTS, WARM_UP_EVENTS));
    }

    private static String phase(String title, Run run, long applied) {
        double seconds = (run.lastAppliedNanos() - run.startNanos()) / 1e9;
        double writeSeconds = (run.lastCommitNanos() - run.startNanos()) / 1e9;
        long[] l = run.latenciesMicros();
        return String.join(System.lineSeparator(),
                title,
                String.format("  end to end (first write -> last applied): %.0f events/s over %.2f s; commits %.0f/s over %.2f s",
                        applied / seconds, seconds, applied / writeSeconds, writeSeconds),
                String.format("  commit -> consumed latency: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (%d events)",
                        pct(l, 0.50), pct(l, 0.90), pct(l, 0.99), l[l.length - 1] / 1000.0, l.length));
    }

    private static String counts(long effects, long pending, MessagingMetrics metrics) {
        return String.format("counts: deal_effect rows %d (all phases), published %.0f, publish failures %.0f, "
                        + "inbox duplicates %.0f, dead-lettered %.0f, outbox pending after %d",
                effects, metrics.count("quota.messaging.outbox.published"), metrics.count("quota.messaging.outbox.publish.failures"),
                metrics.count("quota.messaging.inbox.duplicates"), metrics.count("quota.messaging.consumer.dead.lettered"), pending);
    }

    /** Where the time goes, from the database clocks: outbox insert -> published, published -> applied (all events). */
    private static String stages(DatabaseClient db) {
        return db.sql("""
                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM o.published_at - o.created_at)) * 1000 AS relay_p50,
                       percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM o.published_at - o.created_at)) * 1000 AS relay_p99,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM e.applied_at - o.published_at)) * 1000 AS consume_p50,
                       percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM e.applied_at - o.published_at)) * 1000 AS consume_p99
                FROM outbox_event o JOIN deal_effect e ON e.event_id = o.id
                """)
                .map((row, meta) -> String.format("stages (all events, database clock): outbox insert -> marked published p50 %.1f ms, p99 %.1f ms; "
                                + "marked published -> applied p50 %.1f ms, p99 %.1f ms",
                        row.get("relay_p50", Double.class), row.get("relay_p99", Double.class),
                        row.get("consume_p50", Double.class), row.get("consume_p99", Double.class)))
                .one().block();
    }

    private static double pct(long[] sortedMicros, double p) {
        int index = (int) Math.ceil(p * sortedMicros.length) - 1;
        return sortedMicros[Math.max(0, Math.min(index, sortedMicros.length - 1))] / 1000.0;
    }
}
