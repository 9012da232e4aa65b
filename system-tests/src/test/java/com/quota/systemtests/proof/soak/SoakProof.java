package com.quota.systemtests.proof.soak;

import com.quota.localstack.StackOptions;
import com.quota.localstack.apps.App;
import com.quota.localstack.apps.AppProcess;
import com.quota.systemtests.proof.chaos.ChaosLoad;
import com.quota.systemtests.proof.chaos.ChaosScenario;
import com.quota.systemtests.proof.chaos.Expectations;
import com.quota.systemtests.proof.chaos.ProofStack;
import com.quota.systemtests.proof.chaos.RequestOutcome;
import com.quota.systemtests.proof.Verdict;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #23 part 5, soak (on demand: {@code -Pproof -Dproof.part=soak}; {@code -Dproof.soak.minutes=30} by default):
 * the apps run with {@code -Dio.netty.leakDetection.level=paranoid}; the throughput of wins is measured first (8
 * clients back to back for 30 s), then the chaos run's mix of wins, payments, amendments and terminations runs at 60%
 * of it. Sampled every minute: RSS of each app (/proc) and its direct buffers (jvm_buffer_memory_used_bytes, from the
 * app's Prometheus endpoint), and the heap used right after a full GC that {@code jcmd GC.run} asks for (so uncollected
 * garbage cannot pass for growth; one full GC a minute per app). Verdicts: 0 "LEAK" lines in the apps' logs, 0 failed
 * requests, every app database's connections idle again after the load, and per app the growth from the first minute
 * on: RSS reported, direct memory at most 32 MiB, heap after GC at most 64 MiB.
 */
class SoakProof {

    private static final double MINUTES = Double.parseDouble(System.getProperty("proof.soak.minutes", "30"));
    private static final Pattern DIRECT = Pattern.compile("^jvm_buffer_memory_used_bytes\\{[^}]*id=\"direct\"[^}]*\\} ([0-9.eE+-]+)", Pattern.MULTILINE);
    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} ([0-9.eE+-]+)", Pattern.MULTILINE);
    /** Growth of the heap left after a full GC, from the first minute to the end, above which the soak fails. */
    private static final long MAX_HEAP_GROWTH_MIB = 64;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One minute's figures per app; heap after a full GC (jcmd GC.run just before), so garbage cannot pass for a leak. */
    record Sample(Instant at, Map<App, Long> rssKb, Map<App, Long> directBytes, Map<App, Long> heapAfterGcBytes) {
    }

    @Test
    void atSixtyPercentOfTheMeasuredThroughputNothingLeaksAndNothingFails() throws Exception {
        List<String> jvm = new ArrayList<>(StackOptions.DEFAULT_APP_JVM_OPTIONS);
        jvm.add("-Dio.netty.leakDetection.level=paranoid");
        try (ProofStack stack = ProofStack.start("soak", jvm)) {
            Expectations expectations = new Expectations();
            ChaosScenario scenario = new ChaosScenario();
            scenario.build(stack, expectations, 4);
            double measured = measureWinsPerSecond(stack, scenario);
            double rate = Math.max(0.5, 0.6 * measured);
            System.out.printf("[soak] measured %.2f wins/s (8 clients, 30 s); soaking at %.2f wins/s for %.1f min%n", measured, rate, MINUTES);

            List<Sample> samples = new ArrayList<>();
            samples.add(sample(stack));
            ChaosLoad load = new ChaosLoad(stack, scenario, expectations);
            Instant end = Instant.now().plusMillis((long) (MINUTES * 60_000));
            load.start(rate);
            while (Instant.now().isBefore(end)) {
                Thread.sleep(Math.min(60_000, Math.max(0, Duration.between(Instant.now(), end).toMillis())));
                samples.add(sample(stack));
                System.out.println("[soak] " + samples.get(samples.size() - 1));
            }
            load.stop();
            Thread.sleep(10_000); // the last events consumed, pools returned
            samples.add(sample(stack));
            long busy = busyConnections(stack);
            long leaks = logLines(stack, "LEAK:");
            long errors = logLines(stack, " ERROR ");
            List<RequestOutcome> outcomes = load.outcomes();
            Map<String, Long> failed = outcomes.stream().filter(o -> !o.success())
                    .collect(Collectors.groupingBy(o -> o.kind() + " " + o.status(), TreeMap::new, Collectors.counting()));

            List<Verdict> verdicts = new ArrayList<>();
            verdicts.add(new Verdict("\"LEAK\" lines in the apps' logs (paranoid leak detection)", "0", Long.toString(leaks), leaks == 0));
            verdicts.add(new Verdict("failed requests", "0 of " + outcomes.size(), failed.isEmpty() ? "0" : failed.toString(), failed.isEmpty()));
            verdicts.add(new Verdict("database connections busy after the load (pg_stat_activity, app databases)", "0",
                    Long.toString(busy), busy == 0));
            Sample first = samples.get(1 < samples.size() - 1 ? 1 : 0); // after the first minute: warmed up
            Sample last = samples.get(samples.size() - 1);
            for (App app : last.rssKb().keySet()) {
                long rssGrowth = (last.rssKb().get(app) - first.rssKb().getOrDefault(app, 0L)) / 1024;
                long directGrowth = (last.directBytes().getOrDefault(app, 0L) - first.directBytes().getOrDefault(app, 0L)) / (1024 * 1024);
                long heapFirst = first.heapAfterGcBytes().getOrDefault(app, -1L);
                long heapLast = last.heapAfterGcBytes().getOrDefault(app, -1L);
                boolean heapKnown = heapFirst >= 0 && heapLast >= 0;
                long heapGrowth = (heapLast - heapFirst) / (1024 * 1024);
                verdicts.add(new Verdict("growth after warm-up, " + app.module(),
                        "RSS reported; direct ≤ 32 MiB; heap after GC ≤ " + MAX_HEAP_GROWTH_MIB + " MiB",
                        String.format("RSS %+d MiB (to %d MiB), direct %+d MiB, heap after GC %s", rssGrowth,
                                last.rssKb().get(app) / 1024, directGrowth, heapKnown
                                        ? String.format("%+d MiB (to %d MiB)", heapGrowth, heapLast / (1024 * 1024))
                                        : "unknown (a forced GC failed)"),
                        directGrowth <= 32 && heapKnown && heapGrowth <= MAX_HEAP_GROWTH_MIB));
            }
            System.out.println("[soak] ERROR lines in the apps' logs (informative): " + errors);
            System.out.println("[soak] requests by kind and status: " + outcomes.stream()
                    .collect(Collectors.groupingBy(o -> o.kind() + " " + o.status(), TreeMap::new, Collectors.counting())));
            System.out.println(Verdict.table(String.format("Soak proof: %.1f min at %.2f wins/s (60%% of %.2f), machine %s",
                    MINUTES, rate, measured, machine()), verdicts));
            assertThat(verdicts).as("every soak verdict passes").allMatch(Verdict::passed);
        }
    }

    /** Wins per second with 8 clients winning deals back to back for 30 s. */
    private static double measureWinsPerSecond(ProofStack stack, ChaosScenario scenario) throws InterruptedException {
        AtomicLong wins = new AtomicLong();
        AtomicLong n = new AtomicLong();
        Instant end = Instant.now().plusSeconds(30);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            clients.submit(() -> {
                while (Instant.now().isBefore(end)) {
                    long i = n.incrementAndGet();
                    var rep = scenario.reps().get((int) (i % scenario.reps().size()));
                    String ref = "SK-M-" + scenario.run() + "-" + i;
                    ProofStack.Answer created = stack.call("POST", "/api/opportunities", stack.crm(), ChaosScenario.body("externalRef", ref,
                            "accountId", scenario.accountOf(rep), "pipelineId", scenario.pipeline(), "title", "Deal " + ref,
                            "amount", ChaosScenario.cny(new BigDecimal("100.00")), "expectedCloseDate", ChaosScenario.today(),
                            "owners", List.of(ChaosScenario.body("repId", rep, "splitPercent", "100", "primary", true)), "stage", "NEGOTIATION"));
                    if (created.status() == 201 && stack.call("POST", "/api/opportunities/" + created.json().get("id").asString() + "/win",
                            stack.crm(), ChaosScenario.body("closeDate", ChaosScenario.today())).ok()) {
                        wins.incrementAndGet();
                    }
                }
            });
        }
        clients.shutdown();
        clients.awaitTermination(2, TimeUnit.MINUTES);
        return wins.get() / 30.0;
    }

    private static Sample sample(ProofStack stack) {
        Map<App, Long> rss = new EnumMap<>(App.class);
        Map<App, Long> direct = new EnumMap<>(App.class);
        Map<App, Long> heap = new EnumMap<>(App.class);
        for (App app : stack.runner().options().apps()) {
            stack.runner().process(app).map(AppProcess::pid).ifPresent(pid -> rss.put(app, rssKb(pid)));
            boolean collected = stack.jcmd(app, "GC.run").isPresent();
            URI prometheus = stack.runner().options().baseUri(app).resolve("/actuator/prometheus");
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(prometheus).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                direct.put(app, sum(DIRECT.matcher(r.body())));
                // without the forced GC the heap figure would count garbage: unknown (-1), and the verdict fails
                heap.put(app, collected ? sum(HEAP.matcher(r.body())) : -1L);
            } catch (IOException e) {
                direct.put(app, -1L);
                heap.put(app, -1L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Sample(Instant.now(), rss, direct, heap);
    }

    private static long sum(Matcher m) {
        long bytes = 0;
        while (m.find()) {
            bytes += (long) Double.parseDouble(m.group(1));
        }
        return bytes;
    }

    private static long rssKb(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:")).map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Connections of the app databases that are not idle (this query's own excluded). */
    private static long busyConnections(ProofStack stack) throws Exception {
        try (Connection c = DriverManager.getConnection(stack.runner().options().jdbcUrl("postgres"), "postgres", "postgres");
             ResultSet rs = c.createStatement().executeQuery("""
                     select count(*) from pg_stat_activity
                     where backend_type = 'client backend' and pid <> pg_backend_pid() and state <> 'idle'
                       and datname in ('auth', 'target', 'pipeline', 'contract', 'performance')""")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long logLines(ProofStack stack, String marker) throws IOException {
        long count = 0;
        for (App app : stack.runner().options().apps()) {
            Path log = stack.runner().options().logOf(app);
            if (Files.exists(log)) {
                try (Stream<String> lines = Files.lines(log)) {
                    count += lines.filter(l -> l.contains(marker)).count();
                }
            }
        }
        return count;
    }

    private static String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return String.format("%d cores, load average %.2f", Runtime.getRuntime().availableProcessors(), os.getSystemLoadAverage());
    }
}
