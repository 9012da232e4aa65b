package com.quota.targets.benchmark;

import com.quota.targets.AbstractTargetServiceIT;
import com.quota.targets.definition.application.AllocationService;
import org.awaitility.Awaitility;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #17's benchmark, printed (not a timed test): a company with {@code benchmark.reps} (10,000) reps, a company
 * target distributed over 12 months and allocated to every rep (months down the tree: 120,000 monthly amounts, one row
 * of 12 months per rep), then the tree read back. Each round allocates a new year's target: {@code benchmark.warmupRounds}
 * (2) warm the service up, the median of {@code benchmark.measuredRounds} (5) is the figure. Over HTTP against the service directly (the gateway is not part of this module's test context).
 * The reps are written by SQL into the org tables unless {@code -Dbenchmark.repsViaApi=true}; the timed part starts once
 * the outbox relay has published every pending event ({@code -Dbenchmark.waitForOutbox=false} to time it under the
 * relay's backlog). It prints the service's own split of each allocation (DEBUG line) and JFR CPU samples.
 * On demand only: {@code ./mvnw -B -ntp -pl target-service verify -Pbenchmark -Dit.test=TargetAllocationBenchmark}.
 */
class TargetAllocationBenchmark extends AbstractTargetServiceIT {

    private static final int REPS = Integer.getInteger("benchmark.reps", 10_000);
    private static final boolean REPS_VIA_API = Boolean.getBoolean("benchmark.repsViaApi");
    private static final boolean WAIT_FOR_OUTBOX = Boolean.parseBoolean(System.getProperty("benchmark.waitForOutbox", "true"));
    /**
     * Allocations of other years' targets to the same reps before the measured ones: a service in use has compiled its
     * code (a JVM's first allocations run interpreted and take about twice as long). Their figures are printed too, the
     * first being the cold service's.
     */
    private static final int WARMUP_ROUNDS = Integer.getInteger("benchmark.warmupRounds", 2);
    /** Allocations timed after the warm-up, each of a new year's target to the same reps: their median is the figure. */
    private static final int MEASURED_ROUNDS = Integer.getInteger("benchmark.measuredRounds", 5);

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    @Test
    void allocateACompanyTargetToTenThousandRepsAndReadTheTreeBack() {
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        WebClient http = WebClient.builder().baseUrl("http://localhost:" + port)
                // a fresh token per request: the setup outlives one token's lifetime
                .filter((request, next) -> next.exchange(org.springframework.web.reactive.function.client.ClientRequest.from(request)
                        .headers(h -> h.setBearerAuth(TestTokens.admin())).build()))
                .exchangeStrategies(ExchangeStrategies.builder().codecs(c -> c.defaultCodecs().maxInMemorySize(-1)).build())
                .build();
        UUID company = UUID.randomUUID();
        put(http, "/api/org/units/" + company, Map.of("code", "BENCH-" + company, "name", "Benchmark Co", "type", "COMPANY",
                "validFrom", "2024-01-01"));

        long setupStart = System.nanoTime();
        List<UUID> reps = new ArrayList<>();
        for (int i = 0; i < REPS; i++) {
            reps.add(UUID.randomUUID());
        }
        String setupHow;
        if (REPS_VIA_API) {
            Flux.fromIterable(reps).flatMap(rep -> http.put().uri("/api/org/reps/" + rep).contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of("username", "bench-" + rep, "displayName", "Rep " + rep, "role", "REP",
                                    "unitId", company, "validFrom", "2024-01-01"))
                            .retrieve().toBodilessEntity(), 8)
                    .blockLast(Duration.ofMinutes(30));
            setupHow = "by PUT /api/org/reps/{id} (8 concurrent)";
        } else {
            BenchmarkReps.seed(db, company, reps);
            setupHow = "by SQL into org_rep and org_membership (2 statements; -Dbenchmark.repsViaApi=true for the API)";
        }
        double setupSeconds = seconds(setupStart);

        // a statement over 2 s is logged by PostgreSQL with its plan-relevant parameters: a slow round shows its cause
        db.sql("ALTER SYSTEM SET log_min_duration_statement = '2s'").then()
                .then(db.sql("SELECT pg_reload_conf()").then()).block(Duration.ofMinutes(1));

        // the relay must not publish a backlog of RepChanged events while the allocation is timed
        long pendingAtStart = pendingOutboxRows();
        long drainStart = System.nanoTime();
        if (WAIT_FOR_OUTBOX) {
            Awaitility.await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> pendingOutboxRows() == 0);
        }
        double drainSeconds = seconds(drainStart);

        Map<String, Object> allocation = Map.of("method", "EQUAL");
        Map<String, Object> preview = Map.of("method", "EQUAL", "preview", true);
        List<String> rounds = new ArrayList<>();
        List<Double> measured = new ArrayList<>();
        for (int round = 1; round <= WARMUP_ROUNDS + MEASURED_ROUNDS; round++) {
            int year = 2027 + round;
            String roundAllocations = "/api/targets/" + companyTarget(http, company, year) + "/allocations";
            long start = System.nanoTime();
            post(http, roundAllocations, preview, false);
            double previewTook = seconds(start);
            start = System.nanoTime();
            post(http, roundAllocations, allocation, true);
            double savedTook = seconds(start);
            start = System.nanoTime();
            post(http, roundAllocations, allocation, true);
            double againTook = seconds(start);
            boolean warmup = round <= WARMUP_ROUNDS;
            if (!warmup) {
                measured.add(savedTook);
            }
            rounds.add(String.format("%s (FY%d%s): preview %.3f s, SAVED %.3f s, again %.3f s", warmup ? "warm-up " + round
                            : "measured " + (round - WARMUP_ROUNDS), year, round == 1 ? ", the service's first allocations" : "",
                    previewTook, savedTook, againTook));
        }
        List<Double> sorted = measured.stream().sorted().toList();
        String summary = sorted.isEmpty() ? "no measured rounds" : String.format(
                "ALLOCATE to %d reps, saved (Prefer: return=minimal), %d measured rounds: MEDIAN %.3f s, best %.3f s, worst %.3f s",
                REPS, sorted.size(), sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1));

        long distributeStart = System.nanoTime();
        String target = companyTarget(http, company, 2027);
        double distributeSeconds = seconds(distributeStart);
        String allocations = "/api/targets/" + target + "/allocations";
        ServiceTimes serviceTimes = ServiceTimes.attach();
        Profile previewProfile = Profile.start();
        long previewStart = System.nanoTime();
        int previewBytes = post(http, allocations, preview, false).length;
        double previewSeconds = seconds(previewStart);
        String previewSamples = previewProfile.stopAndSummarize();

        // the allocation the goal is about: saved, answered with the summary (Prefer: return=minimal)
        Profile saveProfile = Profile.start();
        long allocateStart = System.nanoTime();
        int allocateBytes = post(http, allocations, allocation, true).length;
        double allocateSeconds = seconds(allocateStart);
        String saveSamples = saveProfile.stopAndSummarize();
        long rows = db.sql("SELECT count(*) AS n FROM target_amount a JOIN target t ON t.id = a.target_id WHERE t.parent_target_id = :p")
                .bind("p", UUID.fromString(target)).map(r -> r.get("n", Long.class)).one().block();
        assertThat(rows).isEqualTo(REPS * 12L);

        long reallocateStart = System.nanoTime();
        post(http, allocations, allocation, true);
        double reallocateSeconds = seconds(reallocateStart);

        long fullStart = System.nanoTime();
        int fullBytes = post(http, allocations, allocation, false).length;
        double fullSeconds = seconds(fullStart);
        List<String> phases = serviceTimes.detach();

        long treeStart = System.nanoTime();
        byte[] tree = get(http, "/api/targets/tree?unitId=" + company + "&period=FY2027&metric=BOOKINGS");
        double treeSeconds = seconds(treeStart);
        long monthStart = System.nanoTime();
        get(http, "/api/targets/tree?unitId=" + company + "&period=FY2027-M03&metric=BOOKINGS");
        double monthSeconds = seconds(monthStart);
        long bottomUpStart = System.nanoTime();
        String bottomUp = new String(get(http, "/api/targets/" + target + "/bottom-up"));
        double bottomUpSeconds = seconds(bottomUpStart);
        assertThat(bottomUp).contains("\"bottomUp\":\"120000000.00\"");

        Runtime runtime = Runtime.getRuntime();
        System.out.println(String.join("\n",
                "== TargetAllocationBenchmark ==",
                String.format("machine: %d cores, %s %s, %s %s %s, max heap %d MB, load average at start %.2f, at end %.2f",
                        runtime.availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
                        System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                        runtime.maxMemory() / (1024 * 1024), loadAtStart,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()),
                "over HTTP against target-service directly (embedded PostgreSQL 17, not through the gateway)",
                String.format("setup: %d reps created %s in %.1f s (%.0f/s)", REPS, setupHow, setupSeconds, REPS / setupSeconds),
                String.format("outbox before the timed part: %d rows pending, %s %.1f s", pendingAtStart,
                        WAIT_FOR_OUTBOX ? "waited for the relay to publish them:" : "NOT waited for (-Dbenchmark.waitForOutbox=false):",
                        drainSeconds),
                String.join("\n", rounds),
                summary,
                "one more round, FY2027, with the service's own split and JFR samples:",
                String.format("create the company target and distribute it over 12 months (PROFILE): %.3f s", distributeSeconds),
                String.format("allocate to %d reps, preview (nothing written, %d bytes answered): %.3f s", REPS, previewBytes,
                        previewSeconds),
                String.format("ALLOCATE to %d reps, saved (%d monthly rows persisted; Prefer: return=minimal, %d bytes answered): %.3f s",
                        REPS, rows, allocateBytes, allocateSeconds),
                String.format("allocate again, the %d DRAFTs updated (return=minimal): %.3f s", REPS, reallocateSeconds),
                String.format("allocate again, the %d DRAFTs updated, full answer (%d bytes): %.3f s", REPS, fullBytes, fullSeconds),
                "inside the service (AllocationService DEBUG, in the order above):",
                "  " + String.join("\n  ", phases),
                "JFR CPU samples of the JVM (service and client), preview: " + previewSamples,
                "JFR CPU samples of the JVM (service and client), first save: " + saveSamples,
                String.format("read the tree back, FY2027 (%d nodes, %d bytes): %.3f s; FY2027-M03: %.3f s", REPS + 1, tree.length,
                        treeSeconds, monthSeconds),
                String.format("bottom-up view of the company target: %.3f s", bottomUpSeconds)));
    }

    /** The company's target for the year, created and distributed over 12 months (PROFILE): its id. */
    private static String companyTarget(WebClient http, UUID company, int year) {
        Map<String, Object> level = new LinkedHashMap<>();
        level.put("level", "TARGET");
        level.put("annual", "120000000.00");
        Map<?, ?> created = http.post().uri("/api/targets").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("fiscalYear", year, "metric", "BOOKINGS", "ownerType", "UNIT", "ownerId", company,
                        "levels", List.of(level)))
                .retrieve().bodyToMono(Map.class).block(Duration.ofMinutes(1));
        String target = created.get("id").toString();
        http.post().uri("/api/targets/" + target + "/distribution").header(HttpHeaders.IF_MATCH, "\"1\"")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("method", "PROFILE", "weights", List.of("7", "7", "9", "8", "8", "9", "8", "8", "9", "8", "8", "11")))
                .retrieve().toBodilessEntity().block(Duration.ofMinutes(1));
        return target;
    }

    private static void put(WebClient http, String path, Map<String, Object> body) {
        http.put().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).retrieve().toBodilessEntity()
                .block(Duration.ofMinutes(1));
    }

    private static byte[] post(WebClient http, String path, Map<String, Object> body, boolean minimal) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    if (minimal) {
                        h.set("Prefer", "return=minimal");
                    }
                })
                .bodyValue(body).retrieve().bodyToMono(byte[].class).block(Duration.ofMinutes(10));
    }

    private long pendingOutboxRows() {
        return db.sql("SELECT count(*) AS n FROM outbox_event WHERE published_at IS NULL").map(r -> r.get("n", Long.class))
                .one().block(Duration.ofMinutes(1));
    }

    /** The AllocationService's DEBUG lines (where the time went inside the service) while attached. */
    private static final class ServiceTimes {
        private final ch.qos.logback.classic.Logger logger;
        private final ch.qos.logback.classic.Level before;
        private final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();

        private ServiceTimes() {
            logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(AllocationService.class);
            before = logger.getLevel();
        }

        static ServiceTimes attach() {
            ServiceTimes times = new ServiceTimes();
            times.appender.start();
            times.logger.addAppender(times.appender);
            times.logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
            return times;
        }

        List<String> detach() {
            logger.detachAppender(appender);
            logger.setLevel(before);
            return appender.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /** A JFR recording of CPU samples (every 10 ms) summarized by the first com.quota frame and by the top frame. */
    private static final class Profile {
        private final jdk.jfr.Recording recording = new jdk.jfr.Recording();

        static Profile start() {
            Profile profile = new Profile();
            profile.recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            profile.recording.start();
            return profile;
        }

        String stopAndSummarize() {
            recording.stop();
            try {
                java.nio.file.Path file = java.nio.file.Files.createTempFile("allocation", ".jfr");
                recording.dump(file);
                recording.close();
                Map<String, Integer> byQuotaFrame = new java.util.HashMap<>();
                Map<String, Integer> byTopFrame = new java.util.HashMap<>();
                int total = 0;
                for (jdk.jfr.consumer.RecordedEvent event : jdk.jfr.consumer.RecordingFile.readAllEvents(file)) {
                    if (event.getStackTrace() == null || event.getStackTrace().getFrames().isEmpty()) {
                        continue;
                    }
                    total++;
                    List<jdk.jfr.consumer.RecordedFrame> frames = event.getStackTrace().getFrames();
                    byTopFrame.merge(name(frames.get(0)), 1, Integer::sum);
                    String quota = frames.stream().map(Profile::name).filter(n -> n.startsWith("com.quota."))
                            .findFirst().orElse("(no com.quota frame)");
                    byQuotaFrame.merge(quota, 1, Integer::sum);
                }
                java.nio.file.Files.deleteIfExists(file);
                return total + " samples\n    by first com.quota frame: " + top(byQuotaFrame, total)
                        + "\n    by top frame: " + top(byTopFrame, total);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private static String name(jdk.jfr.consumer.RecordedFrame frame) {
            return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
        }

        private static String top(Map<String, Integer> counts, int total) {
            return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(8)
                    .map(e -> String.format("%s %d%%", e.getKey(), Math.round(100.0 * e.getValue() / Math.max(1, total))))
                    .collect(java.util.stream.Collectors.joining("; "));
        }
    }

    private static byte[] get(WebClient http, String path) {
        return http.get().uri(path).retrieve().bodyToMono(byte[].class).block(Duration.ofMinutes(10));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
