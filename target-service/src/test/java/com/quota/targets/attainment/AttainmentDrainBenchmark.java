package com.quota.targets.attainment;

import com.quota.eventcontracts.Topics;
import com.quota.messaging.MessagingProperties;
import com.quota.orgdirectory.MembershipPeriod;
import com.quota.orgdirectory.OrgReplicaStore;
import com.quota.orgdirectory.OrgUnitState;
import com.quota.orgdirectory.ParentPeriod;
import com.quota.orgdirectory.RepState;
import com.quota.targets.AbstractTargetServiceIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On demand (not part of the build: its name does not end in IT): the attainment ledger consumer draining a backlog
 * of won events across 1,000 reps in a 4-level tree (company, 5 regions, 25 areas, 100 teams of 10), through the real
 * broker, inbox, batch handler, ledger, counters and AttainmentChanged outbox. Prints events/s and the machine.
 * <pre>
 * ./mvnw -B -ntp -o -pl target-service -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=none \
 *     -Dit.test=AttainmentDrainBenchmark -Dbenchmark.events=100000
 * </pre>
 */
class AttainmentDrainBenchmark extends AbstractTargetServiceIT {

    private static final LocalDate FROM = LocalDate.of(2025, 1, 1);

    @Autowired
    private OrgReplicaStore org;
    @Autowired
    private DatabaseClient db;
    @Autowired
    private MessagingProperties messaging;
    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;
    @Value("${spring.r2dbc.pool.max-size:10}")
    private String poolMax;

    @Test
    void drainABacklogOfWonEvents() {
        int events = Integer.getInteger("benchmark.events", 100_000);
        double loadAtStart = load();
        List<UUID> reps = tree();
        UUID company = companyId;
        try (SourceEventProducer producer = new SourceEventProducer(brokers)) {
            Round warmUp = drain(producer, reps, Math.min(2_000, Math.max(100, events / 10)), 2031);
            Round round = drain(producer, reps, events, 2032);

            BigDecimal companyTotal = db.sql("SELECT coalesce(sum(amount), 0) AS total FROM attainment_counter"
                            + " WHERE owner_type = 'UNIT' AND owner_id = :company AND metric = 'BOOKINGS' AND dimension = '*'"
                            + " AND month >= DATE '2032-01-01'")
                    .bind("company", company).map(row -> row.get("total", BigDecimal.class)).one().block();
            assertThat(companyTotal).isEqualByComparingTo(round.total);
            long changed = db.sql("SELECT count(*) AS n FROM outbox_event WHERE event_type = 'AttainmentChanged'"
                            + " AND payload->>'creditDate' >= '2032-01-01'")
                    .map(row -> row.get("n", Long.class)).one().block();

            System.out.println("== AttainmentDrainBenchmark ==");
            System.out.println(machine(loadAtStart));
            System.out.printf("effective settings: consumer concurrency %d, max.poll.records 500 (Kafka default), "
                            + "partitions of %s as the test broker creates them, r2dbc pool max %s; embedded PostgreSQL 17, "
                            + "embedded KRaft broker (same JVM)%n",
                    messaging.getConsumer().getConcurrency(), Topics.PIPELINE_OPPORTUNITY, poolMax);
            System.out.printf("tree: 1 company, 5 regions, 25 areas, 100 teams, %d reps; every win credits one rep "
                            + "(every fifth: two reps, 60/40) and their 4 units%n", reps.size());
            System.out.println("warm-up: " + warmUp.describe());
            System.out.println("backlog: " + round.describe());
            System.out.printf("AttainmentChanged outbox rows written for the backlog: %d; company total exact: %s%n",
                    changed, companyTotal.toPlainString());
            System.out.printf("load average at end: %.2f%n", load());
        }
    }

    private UUID companyId;

    /** Company, 5 regions × 5 areas × 4 teams, 10 reps per team: the reps. */
    private List<UUID> tree() {
        companyId = UUID.randomUUID();
        unit(companyId, null, "COMPANY");
        List<UUID> reps = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            UUID region = UUID.randomUUID();
            unit(region, companyId, "REGION");
            for (int a = 0; a < 5; a++) {
                UUID area = UUID.randomUUID();
                unit(area, region, "AREA");
                for (int t = 0; t < 4; t++) {
                    UUID team = UUID.randomUUID();
                    unit(team, area, "TEAM");
                    for (int p = 0; p < 10; p++) {
                        UUID rep = UUID.randomUUID();
                        org.upsertRep(new RepState(rep, "Rep " + rep, null, null, "REP", true, FROM,
                                List.of(new MembershipPeriod(team, FROM, null)), null, 1, Instant.now())).block();
                        reps.add(rep);
                    }
                }
            }
        }
        return reps;
    }

    private void unit(UUID id, UUID parent, String type) {
        org.upsertUnit(new OrgUnitState(id, parent, type + "-" + id.toString().substring(0, 8), type + " " + id, type,
                true, FROM, null, parent == null ? List.of() : List.of(new ParentPeriod(parent, FROM, null)), List.of(),
                null, 1, Instant.now())).block();
    }

    /** What one round measured. */
    private record Round(int events, BigDecimal total, long lines, double produceSeconds, double drainSeconds,
                         double wallSeconds, long unpublished, String where) {
        String describe() {
            return String.format("%d won events (%d ledger lines) drained at %.0f events/s (%.1f s, first to last ledger "
                            + "commit, database clock); produced in %.1f s; %.1f s from the first send to the last line; "
                            + "%d outbox rows not yet published by the relay at that moment%n"
                            + "  where the database connections spent the drain (pg_stat_activity sampled every 20 ms):%n%s",
                    events, lines, events / drainSeconds, drainSeconds, produceSeconds, wallSeconds, unpublished, where);
        }
    }

    /** Sends {@code events} wins dated in fiscal year {@code year} as fast as the producer can, waits for every line. */
    private Round drain(SourceEventProducer producer, List<UUID> reps, int events, int year) {
        Random random = new Random(year);
        BigDecimal total = BigDecimal.ZERO;
        long expectedLines = 0;
        List<String[]> backlog = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            UUID opportunity = UUID.randomUUID();
            String amount = BigDecimal.valueOf(1_000 + random.nextInt(9_000_000), 2).toPlainString();
            LocalDate close = LocalDate.of(year, 1 + random.nextInt(11), 1 + random.nextInt(28));
            UUID rep = reps.get(random.nextInt(reps.size()));
            String payload;
            if (i % 5 == 4) {
                UUID second = reps.get(random.nextInt(reps.size()));
                while (second.equals(rep)) {
                    second = reps.get(random.nextInt(reps.size()));
                }
                payload = SourceEventProducer.wonUnchecked(opportunity, Map.of(rep, "60", second, "40"), rep, amount,
                        close.toString());
                expectedLines += 2;
            } else {
                payload = SourceEventProducer.wonUnchecked(opportunity, Map.of(rep, "100"), rep, amount, close.toString());
                expectedLines += 1;
            }
            if (i < 10) {
                assertThat(com.quota.eventcontracts.EventSchemas.validate("OpportunityWon", payload)).isEmpty();
            }
            total = total.add(new BigDecimal(amount));
            backlog.add(new String[] {opportunity.toString(), payload});
        }
        // built first, then sent as fast as the producer goes
        DatabaseSampler sampler = new DatabaseSampler(db);
        long start = System.nanoTime();
        List<CompletableFuture<?>> sent = new ArrayList<>(events);
        for (String[] event : backlog) {
            sent.add(producer.sendAsync(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", UUID.fromString(event[0]),
                    UUID.randomUUID(), event[1]));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        double produced = (System.nanoTime() - start) / 1e9;
        long lines = expectedLines;
        String first = year + "-01-01";
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1)).until(() -> db.sql(
                        "SELECT count(*) AS n FROM attainment_line WHERE credit_date >= CAST(:first AS date)"
                                + " AND credit_date < CAST(:first AS date) + interval '1 year'")
                .bind("first", first).map(row -> row.get("n", Long.class)).one().block() == lines);
        double wall = (System.nanoTime() - start) / 1e9;
        String where = sampler.stop();
        // the relay publishes AttainmentChanged behind the ledger: how far behind it is when the last line commits
        long unpublished = db.sql("SELECT count(*) AS n FROM outbox_event WHERE published_at IS NULL")
                .map(row -> row.get("n", Long.class)).one().block();
        double drain = db.sql("SELECT extract(epoch FROM max(recorded_at) - min(recorded_at)) AS s FROM attainment_line"
                        + " WHERE credit_date >= CAST(:first AS date) AND credit_date < CAST(:first AS date) + interval '1 year'")
                .bind("first", first).map(row -> row.get("s", BigDecimal.class)).one().block().doubleValue();
        return new Round(events, total, lines, produced, drain, wall, unpublished, where);
    }

    /**
     * Samples this database's other sessions in pg_stat_activity every 20 ms while a round drains: per state, wait
     * and statement, the share of samples, so the output says which statements the drain spends its time in (and how
     * long the consumer's transaction sits idle while the JVM works).
     */
    private static final class DatabaseSampler {
        private final Map<String, Long> counts = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicLong samples = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.ScheduledExecutorService timer =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

        DatabaseSampler(DatabaseClient db) {
            timer.scheduleWithFixedDelay(() -> sample(db), 0, 20, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        private void sample(DatabaseClient db) {
            try {
                db.sql("""
                                SELECT state, coalesce(wait_event_type || ':' || wait_event, 'cpu') AS wait,
                                       regexp_replace(left(query, 90), '\\s+', ' ', 'g') AS query
                                FROM pg_stat_activity
                                WHERE datname = current_database() AND pid <> pg_backend_pid()
                                  AND state IN ('active', 'idle in transaction')
                                """)
                        .map(row -> row.get("state", String.class) + " | " + row.get("wait", String.class) + " | "
                                + row.get("query", String.class))
                        .all().collectList().blockOptional().orElse(List.of())
                        .forEach(key -> counts.merge(key, 1L, Long::sum));
                samples.incrementAndGet();
            } catch (RuntimeException e) {
                counts.merge("sampling failed: " + e.getMessage(), 1L, Long::sum); // a missed sample, not a failed run
            }
        }

        String stop() {
            timer.shutdown();
            try {
                timer.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long n = Math.max(1, samples.get());
            StringBuilder out = new StringBuilder();
            counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                    .forEach(e -> out.append(String.format("    %5.1f%%  %s%n", 100.0 * e.getValue() / n, e.getKey())));
            return out + String.format("    (%d samples; %% of samples in which a session was in that state)", n);
        }
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String machine(double loadAtStart) {
        Runtime runtime = Runtime.getRuntime();
        return String.format("machine: %d cores, %s %s, %s %s %s, max heap %d MB, load average at start %.2f "
                        + "(run under /work/bin/bench: no other build at the same time)",
                runtime.availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                runtime.maxMemory() / (1024 * 1024), loadAtStart);
    }
}
