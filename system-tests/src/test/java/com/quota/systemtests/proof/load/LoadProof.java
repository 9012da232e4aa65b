package com.quota.systemtests.proof.load;

import com.quota.localstack.apps.App;
import com.quota.systemtests.ProcessCpu;
import com.quota.systemtests.proof.chaos.ChaosScenario;
import com.quota.systemtests.proof.chaos.Expectations;
import com.quota.systemtests.proof.chaos.ProofStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static com.quota.systemtests.proof.chaos.ChaosScenario.body;
import static com.quota.systemtests.proof.chaos.ChaosScenario.cny;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #23 part 4, load side by side (on demand only: {@code -Pproof -Dproof.part=load}): in one run, on a stack of
 * its own, the machine's ceilings with the infrastructure's own tools (Kafka's ProducerPerformance,
 * ConsumerPerformance and EndToEndLatency against the stack's broker; pgbench with a script shaped like the attainment
 * transaction against its PostgreSQL), then Quota's figures, each printed beside its ceiling as a ratio: reads, won ->
 * visible, a backlog, and (on data seeded by SQL, the API being far too slow for that much setup) the allocation to
 * {@code proof.load.allocationReps} reps ({@link AllocationLoad}) and the forecast and funnel over
 * {@code proof.load.opportunities} opportunities ({@link ForecastLoad}). A part that fails is printed as FAILED with
 * the reason, and the run fails after the table. The table is written to {@code target/proof-load.md} for
 * docs/benchmarks.md.
 */
class LoadProof {

    private static final int KAFKA_RECORDS = Integer.getInteger("proof.load.kafkaRecords", 200_000);
    private static final int READ_SECONDS = Integer.getInteger("proof.load.readSeconds", 15);
    /** The measured rate; "auto": 80 % of what the warm-up carried (when the stack cannot carry the 50/s). */
    private static final String WINS_PER_SECOND = System.getProperty("proof.load.winsPerSecond", "50");
    private static final int WIN_SECONDS = Integer.getInteger("proof.load.winSeconds", 30);
    /** Wins sent in a closed loop before the measured phase, not measured: a cold stack spends half its CPU in the JIT. */
    private static final int WIN_WARMUP_SECONDS = Integer.getInteger("proof.load.winWarmupSeconds", 60);
    private static final int BACKLOG_WINS = Integer.getInteger("proof.load.backlogWins", 1500);
    private static final int ALLOCATION_REPS = Integer.getInteger("proof.load.allocationReps", 10_000);
    private static final int OPPORTUNITIES = Integer.getInteger("proof.load.opportunities", 100_000);
    private static final int FORECAST_SAMPLES = Integer.getInteger("proof.load.forecastSamples", 10);
    private static final int QUERY_PGBENCH_SECONDS = Integer.getInteger("proof.load.queryPgbenchSeconds", 10);
    /** Which parts run (a comma list; all by default), e.g. {@code won,backlog} to look at the write path alone. */
    private static final List<String> PARTS = List.of(System.getProperty("proof.load.parts",
            "ceilings,reads,won,backlog,allocation,forecast").split(",\\s*"));
    /** A folder: record each app with JFR (profile settings) while the wins are sent, one file per app. */
    private static final String JFR = System.getProperty("proof.load.jfr", "");
    private static final List<App> APPS = List.of(App.GATEWAY, App.AUTH_SERVER, App.PIPELINE_SERVICE, App.TARGET_SERVICE,
            App.CONTRACT_SERVICE, App.PERFORMANCE_SERVICE);

    /** One line of the side-by-side table. */
    record Row(String figure, String quota, String ceiling, String ratio) {
    }

    private final List<Row> rows = new ArrayList<>();
    // what a part found wrong (e.g. fewer rows saved than allocated): printed with the table, then failed on
    private final List<String> problems = new CopyOnWriteArrayList<>();

    @Test
    void quotasFiguresBesideTheMachinesCeilings() throws Exception {
        String machine = machine();
        System.out.println("[load] " + machine);
        try (ProofStack stack = ProofStack.start("load", List.of())) {
            // ---- ceilings: Kafka's own tools against our broker, pgbench against our PostgreSQL ----
            Ceilings ceilings = PARTS.contains("ceilings") ? ceilings(stack) : Ceilings.NOT_MEASURED;

            // ---- Quota: an authenticated read, direct and through the gateway ----
            if (PARTS.contains("reads")) {
                double[] direct = reads(stack, stack.runner().options().baseUri(App.TARGET_SERVICE));
                double[] gateway = reads(stack, stack.gateway());
                rows.add(new Row("authenticated read (GET /api/org/me), req/s, 8 clients",
                        String.format("%.0f through the gateway", gateway[0]), String.format("%.0f direct", direct[0]), ratio(gateway[0], direct[0])));
                rows.add(new Row("authenticated read, p50 / p99 ms",
                        String.format("%.1f / %.1f through the gateway", gateway[1], gateway[2]),
                        String.format("%.1f / %.1f direct", direct[1], direct[2]), ratio(gateway[1], direct[1]) + " (p50)"));
            }

            // ---- Quota: won -> attainment visible ----
            ChaosScenario scenario = new ChaosScenario();
            boolean built = (PARTS.contains("won") || PARTS.contains("backlog")) && part("won -> attainment visible", () -> {
                scenario.build(stack, new Expectations(), 0);
                if (PARTS.contains("won")) {
                    wonToVisible(stack, scenario, ceilings.e2eP50(), ceilings.e2eP99());
                }
            });

            // ---- Quota: the attainment consumer from a backlog ----
            if (built && PARTS.contains("backlog")) {
                part("attainment consumer from a backlog", () -> backlog(stack, scenario, ceilings.consumed(), ceilings.pgTps()));
            }

            // ---- Quota: allocation to 10,000 reps, forecast and funnel over 100,000 opportunities (seeded by SQL) ----
            if (PARTS.contains("allocation")) {
                part(String.format("allocation, %,d reps x 12 months", ALLOCATION_REPS),
                        () -> rows.addAll(new AllocationLoad(stack, ALLOCATION_REPS, problems).measure()));
            }
            if (PARTS.contains("forecast")) {
                part(String.format("forecast and funnel over %,d opportunities", OPPORTUNITIES),
                        () -> rows.addAll(new ForecastLoad(stack, OPPORTUNITIES, FORECAST_SAMPLES, QUERY_PGBENCH_SECONDS, problems).measure()));
            }
            if (ceilings != Ceilings.NOT_MEASURED) {
                rows.addAll(0, ceilings.rows());
            }

            String table = table(machine);
            System.out.println(table);
            Files.writeString(Path.of("target", "proof-load.md"), table);
            problems.forEach(p -> System.out.println("[load] PROBLEM: " + p));
            if (ceilings != Ceilings.NOT_MEASURED) {
                assertThat(ceilings.produced()).as("ProducerPerformance ran").isPositive();
            }
            assertThat(problems).as("what the parts found wrong").isEmpty();
        }
    }

    /** One part of Quota's figures. */
    private interface Part {
        void run() throws Exception;
    }

    /** Runs a part; if it fails, its row says so and the run goes on to the other parts (and fails at the end). */
    private boolean part(String figure, Part part) {
        try {
            part.run();
            return true;
        } catch (Exception | AssertionError e) {
            e.printStackTrace(System.out);
            String why = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
            rows.add(new Row(figure, "FAILED", "-", why.length() > 300 ? why.substring(0, 300) + "..." : why));
            problems.add(figure + " failed: " + why);
            return false;
        }
    }

    // ---- the ceilings ----

    /** What Kafka's tools and pgbench measured on this stack's broker and PostgreSQL. */
    private record Ceilings(double produced, double consumed, double e2eAvg, double e2eP50, double e2eP99, double pgTps, double pgMillis) {

        static final Ceilings NOT_MEASURED = new Ceilings(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        List<Row> rows() {
            return List.of(new Row("Kafka ProducerPerformance, 1 KiB records, acks=all", "-", String.format("%.0f records/s", produced), "ceiling"),
                    new Row("Kafka ConsumerPerformance", "-", String.format("%.0f records/s", consumed), "ceiling"),
                    new Row("Kafka EndToEndLatency, 512 B, acks=all", "-",
                            String.format("avg %.2f ms, p50 %.0f ms, p99 %.0f ms", e2eAvg, e2eP50, e2eP99), "ceiling"),
                    new Row("pgbench, attainment-shaped transaction, 4 clients", "-",
                            String.format("%.0f tps, %.2f ms average", pgTps, pgMillis), "ceiling"));
        }
    }

    private static Ceilings ceilings(ProofStack stack) throws Exception {
        String bootstrap = stack.runner().options().kafkaBootstrapServers();
        createTopic(bootstrap, "proof-perf", 3);
        KafkaTools.Run producer = KafkaTools.producerPerformance(bootstrap, "proof-perf", KAFKA_RECORDS, 1024);
        double produced = number(producer.last(Pattern.compile("records sent, ([0-9.]+) records/sec")));
        KafkaTools.Run consumer = KafkaTools.consumerPerformance(bootstrap, "proof-perf", KAFKA_RECORDS);
        createTopic(bootstrap, "proof-e2e", 1);
        KafkaTools.Run e2e = KafkaTools.endToEndLatency(bootstrap, "proof-e2e", 2000, 512);
        double[] pg = pgbench(stack);
        return new Ceilings(produced, consumerRate(consumer), number(e2e.last(Pattern.compile("Avg latency: ([0-9.]+) ms"))),
                number(e2e.last(Pattern.compile("50th = (\\d+)"))), number(e2e.last(Pattern.compile("99th = (\\d+)"))), pg[0], pg[1]);
    }

    private static double consumerRate(KafkaTools.Run run) {
        for (int i = run.output().size() - 1; i >= 0; i--) {
            String[] f = run.output().get(i).split(",\\s*");
            if (f.length >= 6 && f[0].matches("\\d{4}-.*")) {
                return Double.parseDouble(f[5]);
            }
        }
        return Double.NaN;
    }

    /** tps and average latency (ms) of an attainment-shaped transaction: an inbox row, a ledger line, four counters upserted. */
    private static double[] pgbench(ProofStack stack) throws IOException, SQLException {
        int port = stack.runner().options().postgresPort();
        try (Connection c = DriverManager.getConnection(stack.runner().options().jdbcUrl("postgres"), "postgres", "postgres")) {
            c.createStatement().execute("drop database if exists proof_bench");
            c.createStatement().execute("create database proof_bench");
        }
        try (Connection c = DriverManager.getConnection(stack.runner().options().jdbcUrl("proof_bench"), "postgres", "postgres")) {
            c.createStatement().execute("""
                    create table inbox_event (consumer text not null, event_id uuid not null, event_type text not null,
                        received_at timestamptz not null default clock_timestamp(), primary key (consumer, event_id));
                    create table attainment_line (source_event_id uuid not null, rep_id bigint not null, metric text not null,
                        credit_date date not null, amount numeric(24,4) not null, primary key (source_event_id, rep_id, metric));
                    create table attainment_counter (owner_type text not null, owner_id bigint not null, metric text not null,
                        month date not null, amount numeric(24,4) not null, primary key (owner_type, owner_id, metric, month))""");
        }
        Path script = Files.createTempFile("attainment", ".sql");
        Files.writeString(script, """
                \\set rep random(1, 1000)
                \\set amount random(100, 99999999)
                BEGIN;
                INSERT INTO inbox_event (consumer, event_id, event_type) VALUES ('target-service', gen_random_uuid(), 'OpportunityWon');
                INSERT INTO attainment_line VALUES (gen_random_uuid(), :rep, 'BOOKINGS', current_date, :amount / 100.0);
                INSERT INTO attainment_counter VALUES ('REP', :rep, 'BOOKINGS', date_trunc('month', current_date), :amount / 100.0)
                  ON CONFLICT (owner_type, owner_id, metric, month) DO UPDATE SET amount = attainment_counter.amount + excluded.amount;
                INSERT INTO attainment_counter VALUES ('UNIT', 100 + :rep % 50, 'BOOKINGS', date_trunc('month', current_date), :amount / 100.0)
                  ON CONFLICT (owner_type, owner_id, metric, month) DO UPDATE SET amount = attainment_counter.amount + excluded.amount;
                INSERT INTO attainment_counter VALUES ('UNIT', 1000 + :rep % 5, 'BOOKINGS', date_trunc('month', current_date), :amount / 100.0)
                  ON CONFLICT (owner_type, owner_id, metric, month) DO UPDATE SET amount = attainment_counter.amount + excluded.amount;
                INSERT INTO attainment_counter VALUES ('UNIT', 0, 'BOOKINGS', date_trunc('month', current_date), :amount / 100.0)
                  ON CONFLICT (owner_type, owner_id, metric, month) DO UPDATE SET amount = attainment_counter.amount + excluded.amount;
                COMMIT;
                """);
        KafkaTools.Run run = KafkaTools.pgbench(port, "proof_bench", script, 4, 20);
        return new double[] {number(run.last(Pattern.compile("tps = ([0-9.]+)"))), number(run.last(Pattern.compile("latency average = ([0-9.]+) ms")))};
    }

    // ---- Quota's figures ----

    /** req/s, p50 ms, p99 ms of GET /api/org/me with 8 clients for the read time (after a 3 s warm-up). */
    private static double[] reads(ProofStack stack, URI base) throws InterruptedException {
        String token = stack.admin();
        for (Instant warm = Instant.now().plusSeconds(3); Instant.now().isBefore(warm); ) {
            stack.call(base, "GET", "/api/org/me", token, null, Map.of(), Duration.ofSeconds(10));
        }
        List<Long> micros = new CopyOnWriteArrayList<>();
        AtomicLong failures = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        Instant end = Instant.now().plusSeconds(READ_SECONDS);
        for (int i = 0; i < 8; i++) {
            clients.submit(() -> {
                while (Instant.now().isBefore(end)) {
                    ProofStack.Answer answer = stack.call(base, "GET", "/api/org/me", token, null, Map.of(), Duration.ofSeconds(10));
                    if (answer.ok()) {
                        micros.add(answer.took().toNanos() / 1000);
                    } else {
                        failures.incrementAndGet();
                    }
                }
            });
        }
        clients.shutdown();
        clients.awaitTermination(READ_SECONDS + 30, TimeUnit.SECONDS);
        System.out.printf("[load] reads against %s: %d ok, %d failed%n", base, micros.size(), failures.get());
        List<Long> sorted = micros.stream().sorted().toList();
        return new double[] {sorted.size() / (double) READ_SECONDS, percentile(sorted, 50) / 1000.0, percentile(sorted, 99) / 1000.0};
    }

    private record Accepted(UUID rep, BigDecimal amount, Instant at) {
    }

    private record Seen(Instant at, BigDecimal actual) {
    }

    /**
     * Wins at the planned rate; a reader per rep polls the rep's BOOKINGS every 100 ms. A win is visible at the first
     * poll whose actual reaches the sum of every win of that rep accepted up to it (an upper bound, to within 100 ms).
     */
    private void wonToVisible(ProofStack stack, ChaosScenario scenario, double e2eP50, double e2eP99) throws Exception {
        List<Accepted> accepted = new CopyOnWriteArrayList<>();
        Map<UUID, List<Seen>> seen = new ConcurrentHashMap<>();
        AtomicBoolean polling = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(scenario.reps().size());
        for (UUID rep : scenario.reps()) {
            List<Seen> mine = new CopyOnWriteArrayList<>();
            seen.put(rep, mine);
            readers.submit(() -> {
                while (polling.get()) {
                    ProofStack.Answer a = stack.call("GET", "/api/attainment/reps/" + rep + "?metric=BOOKINGS&period=FY"
                            + ChaosScenario.today().getYear() + "&asOf=" + ChaosScenario.today(), stack.admin(), null);
                    if (a.ok()) {
                        mine.add(new Seen(Instant.now(), new BigDecimal(a.json().get("actual").get("amount").asString())));
                    }
                    pause(100);
                }
                return null;
            });
        }
        // warm-up, closed loop: what the warm stack carries, and the baseline every rep's figure starts from
        Map<UUID, BigDecimal> baseline = new ConcurrentHashMap<>();
        double carried = warmUp(stack, scenario, baseline);
        double rate = WINS_PER_SECOND.equals("auto") ? Math.max(1, Math.floor(0.8 * carried)) : Double.parseDouble(WINS_PER_SECOND);
        AtomicLong n = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        ProcessCpu cpu = new ProcessCpu(stack.runner(), APPS);
        Map<String, Duration> cpuBefore = cpu.snapshot();
        Jfr.start(stack, APPS, JFR);
        answerTimes();
        ScheduledExecutorService tick = Executors.newSingleThreadScheduledExecutor();
        ExecutorService workers = Executors.newFixedThreadPool(64);
        Instant start = Instant.now();
        tick.scheduleAtFixedRate(() -> workers.submit(() -> {
            long i = n.incrementAndGet();
            UUID rep = scenario.reps().get((int) (i % scenario.reps().size()));
            BigDecimal amount = BigDecimal.valueOf(ThreadLocalRandom.current().nextLong(1_000_00, 9_999_99), 2);
            if (win(stack, scenario, rep, amount, "LD-" + scenario.run() + "-" + i)) {
                accepted.add(new Accepted(rep, amount, Instant.now()));
            } else {
                refused.incrementAndGet();
            }
        }), 0, (long) (1_000_000 / rate), TimeUnit.MICROSECONDS);
        pause(WIN_SECONDS * 1000L);
        tick.shutdownNow();
        workers.shutdown();
        // sends the stack did not start within two minutes of the planned window are dropped, not left running into
        // the next part (an open model: a slow stack never slows the rate, so they pile up when it cannot keep up)
        int dropped = workers.awaitTermination(2, TimeUnit.MINUTES) ? 0 : workers.shutdownNow().size();
        workers.awaitTermination(1, TimeUnit.MINUTES);
        if (dropped > 0) {
            System.out.printf("[load] %d planned wins not sent: still queued two minutes after the planned window%n", dropped);
        }
        Duration sending = Duration.between(start, Instant.now());
        Map<String, Duration> cpuSpent = ProcessCpu.spent(cpuBefore, cpu.snapshot());
        Jfr.dump(stack, APPS, JFR);
        System.out.printf("[load] write path while sending (%.1f s, %d wins accepted, %d readers polling): %s%n",
                sending.toMillis() / 1000.0, accepted.size(), scenario.reps().size(), answerTimes());
        System.out.println("[load] CPU per accepted win while sending: " + ProcessCpu.per(cpuSpent, accepted.size())
                + String.format("; %.0f%% of 2 cores", 100.0 * cpuSpent.values().stream().mapToLong(Duration::toNanos).sum()
                / sending.toNanos() / Runtime.getRuntime().availableProcessors()));
        // poll until every rep shows all of its accepted wins (or two minutes)
        Map<UUID, BigDecimal> totals = accepted.stream().collect(Collectors.groupingBy(Accepted::rep,
                Collectors.reducing(BigDecimal.ZERO, Accepted::amount, BigDecimal::add)));
        totals.replaceAll((rep, total) -> total.add(baseline.getOrDefault(rep, BigDecimal.ZERO)));
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline) && totals.entrySet().stream().anyMatch(e -> {
            List<Seen> s = seen.get(e.getKey());
            return s.isEmpty() || s.get(s.size() - 1).actual().compareTo(e.getValue()) < 0;
        })) {
            pause(200);
        }
        polling.set(false);
        readers.shutdown();
        readers.awaitTermination(30, TimeUnit.SECONDS);

        List<Long> latencies = new ArrayList<>();
        long invisible = 0;
        for (UUID rep : scenario.reps()) {
            List<Accepted> wins = accepted.stream().filter(a -> a.rep().equals(rep)).sorted((a, b) -> a.at().compareTo(b.at())).toList();
            BigDecimal sum = baseline.getOrDefault(rep, BigDecimal.ZERO);
            for (Accepted win : wins) {
                sum = sum.add(win.amount());
                BigDecimal needed = sum;
                Seen first = seen.get(rep).stream().filter(s -> !s.at().isBefore(win.at()) && s.actual().compareTo(needed) >= 0)
                        .findFirst().orElse(null);
                if (first == null) {
                    invisible++;
                } else {
                    latencies.add(Duration.between(win.at(), first.at()).toMillis());
                }
            }
        }
        Collections.sort(latencies);
        double achieved = accepted.size() / (sending.toMillis() / 1000.0);
        System.out.printf("[load] wins: %d accepted, %d refused, %.1f/s achieved of %.0f/s planned; %d never seen%n",
                accepted.size(), refused.get(), achieved, rate, invisible);
        rows.add(new Row(String.format("won -> attainment visible, p50 / p99 / max ms (%.1f wins/s achieved of %.0f planned, %d wins%s)",
                achieved, rate, accepted.size(), invisible == 0 ? "" : ", " + invisible + " never seen")
                        + String.format("; warm-up carried %.1f wins/s in a closed loop of 8 senders", carried),
                String.format("%d / %d / %d", percentile(latencies, 50), percentile(latencies, 99),
                        latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1)),
                String.format("Kafka end-to-end p50 %.0f / p99 %.0f ms", e2eP50, e2eP99),
                ratio(percentile(latencies, 50), Math.max(1, e2eP50)) + " (p50)"));
    }

    /**
     * Wins in a closed loop of 8 senders for {@code proof.load.winWarmupSeconds}, nothing measured but the rate: warms
     * every JVM on the write path (and the readers polling beside it), and adds each accepted win to its rep's
     * baseline. Returns the wins per second carried.
     */
    private double warmUp(ProofStack stack, ChaosScenario scenario, Map<UUID, BigDecimal> baseline) throws InterruptedException {
        if (WIN_WARMUP_SECONDS <= 0) {
            return Double.NaN;
        }
        AtomicLong n = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        Instant end = Instant.now().plusSeconds(WIN_WARMUP_SECONDS);
        ExecutorService senders = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            senders.submit(() -> {
                while (Instant.now().isBefore(end)) {
                    long i = n.incrementAndGet();
                    UUID rep = scenario.reps().get((int) (i % scenario.reps().size()));
                    BigDecimal amount = BigDecimal.valueOf(ThreadLocalRandom.current().nextLong(1_000_00, 9_999_99), 2);
                    if (win(stack, scenario, rep, amount, "LW-" + scenario.run() + "-" + i)) {
                        baseline.merge(rep, amount, BigDecimal::add);
                        ok.incrementAndGet();
                    }
                }
            });
        }
        senders.shutdown();
        senders.awaitTermination(WIN_WARMUP_SECONDS + 120L, TimeUnit.SECONDS);
        double carried = ok.get() / (double) WIN_WARMUP_SECONDS;
        System.out.printf("[load] warm-up: %d wins in a closed loop of 8 senders for %d s = %.1f wins/s; %s%n",
                ok.get(), WIN_WARMUP_SECONDS, carried, answerTimes());
        return carried;
    }

    /** target-service down while wins pile up, then started again: how fast its consumers drain the backlog. */
    private void backlog(ProofStack stack, ChaosScenario scenario, double kafkaConsumed, double pgTps) throws Exception {
        stack.runner().killApp(App.TARGET_SERVICE);
        ProcessCpu cpu = new ProcessCpu(stack.runner(), APPS);
        Map<String, Duration> cpuBefore = cpu.snapshot();
        Instant start = Instant.now();
        answerTimes();
        AtomicLong n = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        ExecutorService workers = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            workers.submit(() -> {
                long i;
                while ((i = n.incrementAndGet()) <= BACKLOG_WINS) {
                    UUID rep = scenario.reps().get((int) (i % scenario.reps().size()));
                    if (win(stack, scenario, rep, new BigDecimal("1000.00"), "BL-" + scenario.run() + "-" + i)) {
                        ok.incrementAndGet();
                    }
                }
            });
        }
        workers.shutdown();
        workers.awaitTermination(30, TimeUnit.MINUTES);
        Duration sending = Duration.between(start, Instant.now());
        System.out.printf("[load] wins with target-service down, 8 senders in closed loop: %d in %.1f s = %.1f wins/s; %s%n",
                ok.get(), sending.toMillis() / 1000.0, ok.get() / (sending.toMillis() / 1000.0), answerTimes());
        System.out.println("[load] CPU per win with target-service down: " + ProcessCpu.per(ProcessCpu.spent(cpuBefore, cpu.snapshot()), ok.get()));
        pause(5000); // pipeline-service's relay publishes the last outbox rows
        stack.runner().restartApp(App.TARGET_SERVICE);
        Instant healthy = Instant.now();
        long backlog = targetServiceLag(stack);
        long lag = backlog;
        Instant deadline = healthy.plus(Duration.ofMinutes(10));
        while (lag > 0 && Instant.now().isBefore(deadline)) {
            pause(250);
            lag = targetServiceLag(stack);
        }
        Duration drain = Duration.between(healthy, Instant.now());
        double rate = backlog / (drain.toMillis() / 1000.0);
        System.out.printf("[load] backlog: %d wins accepted, %d records behind when target-service was healthy, drained in %.1f s%s%n",
                ok.get(), backlog, drain.toMillis() / 1000.0, lag > 0 ? " (NOT drained: " + lag + " left)" : "");
        rows.add(new Row(String.format("attainment consumer from a backlog (%d records behind at restart)", backlog),
                lag > 0 ? "not drained in 10 min" : String.format("%.0f records/s", rate),
                String.format("Kafka consume %.0f records/s; pgbench %.0f tps", kafkaConsumed, pgTps),
                ratio(rate, kafkaConsumed) + " of Kafka, " + ratio(rate, pgTps) + " of pgbench"));
    }

    private boolean win(ProofStack stack, ChaosScenario scenario, UUID rep, BigDecimal amount, String ref) {
        ProofStack.Answer created = stack.call("POST", "/api/opportunities", stack.crm(), body("externalRef", ref,
                "accountId", scenario.accountOf(rep), "pipelineId", scenario.pipeline(), "title", "Deal " + ref,
                "amount", cny(amount), "expectedCloseDate", ChaosScenario.today(),
                "owners", List.of(body("repId", rep, "splitPercent", "100", "primary", true)), "stage", "NEGOTIATION"));
        createTook.add(created.took().toMillis());
        if (created.status() != 201) {
            return false;
        }
        ProofStack.Answer won = stack.call("POST", "/api/opportunities/" + created.json().get("id").asString() + "/win",
                stack.crm(), body("closeDate", ChaosScenario.today()));
        winTook.add(won.took().toMillis());
        return won.ok();
    }

    /** How long each create and each win took to be answered, for the write path's own line. */
    private final List<Long> createTook = new CopyOnWriteArrayList<>();
    private final List<Long> winTook = new CopyOnWriteArrayList<>();

    /** "create p50 / p99 ..., win p50 / p99 ..." of the answers so far, then forgets them for the next phase. */
    private String answerTimes() {
        List<Long> c = new ArrayList<>(createTook);
        List<Long> w = new ArrayList<>(winTook);
        Collections.sort(c);
        Collections.sort(w);
        createTook.clear();
        winTook.clear();
        return String.format("POST /api/opportunities p50 %d / p99 %d ms (%d), POST .../win p50 %d / p99 %d ms (%d)",
                percentile(c, 50), percentile(c, 99), c.size(), percentile(w, 50), percentile(w, 99), w.size());
    }

    private static long targetServiceLag(ProofStack stack) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.runner().options().kafkaBootstrapServers()))) {
            long lag = 0;
            for (var group : admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS)) {
                if (!group.groupId().startsWith(App.TARGET_SERVICE.module())) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                var ends = admin.listOffsets(committed.keySet().stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                        .all().get(30, TimeUnit.SECONDS);
                for (var e : committed.entrySet()) {
                    lag += e.getValue() == null ? 0 : Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
                }
            }
            return lag;
        }
    }

    // ---- helpers ----

    private static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private String table(String machine) {
        StringBuilder out = new StringBuilder("Load, side by side (" + LocalDate.now() + ")\n\n" + machine + "\n\n");
        out.append("| figure | Quota | ceiling | ratio / note |\n| --- | --- | --- | --- |\n");
        rows.forEach(r -> out.append("| ").append(r.figure()).append(" | ").append(r.quota()).append(" | ").append(r.ceiling())
                .append(" | ").append(r.ratio()).append(" |\n"));
        return out.toString();
    }

    private static String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return String.format("machine: %d cores, %s %s, %s %s %s, load average at start %.2f", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), os.getName(), os.getVersion(), os.getArch(),
                os.getSystemLoadAverage());
    }

    static String ratio(double quota, double ceiling) {
        return Double.isNaN(quota) || Double.isNaN(ceiling) || ceiling == 0 ? "n/a" : String.format("%.3f", quota / ceiling);
    }

    static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static double number(String text) {
        return text == null ? Double.NaN : Double.parseDouble(text);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
