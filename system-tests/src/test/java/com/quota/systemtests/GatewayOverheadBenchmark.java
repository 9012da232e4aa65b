package com.quota.systemtests;

import com.quota.localstack.LocalStackRunner;
import com.quota.localstack.StackOptions;
import com.quota.localstack.apps.App;
import com.quota.localstack.token.TokenClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the front door costs: one authenticated, database-backed read (a unit of the org tree, GET
 * /api/org/units/{id}) sent straight to target-service and through the gateway, in the same run, in alternating
 * rounds so that drift of a shared machine hits both alike. Prints requests/s and p50/p99 per path and the ratios.
 * The gateway's rate limit is off for this stack (it would cap one caller at 100 requests/s by design).
 * Both JVMs are warmed first (a cold JVM spends most of its CPU in the JIT compiler, which is not the cost of a
 * request), and the CPU each process spent per request is printed beside the throughput.
 * On demand only: {@code ./mvnw -B -ntp -pl system-tests -am verify -Pbenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbenchmark.seconds=N -Dbenchmark.clients=M -Dbenchmark.warmupSeconds=W}; {@code -Dbenchmark.gatewayEnv=NAME=value,...}
 * and {@code -Dbenchmark.serviceEnv=...} set environment variables of the gateway and target-service).
 */
class GatewayOverheadBenchmark {

    private static final int SECONDS = Integer.getInteger("benchmark.seconds", 15);
    private static final int CLIENTS = Integer.getInteger("benchmark.clients", 8);
    /** Warm-up per path before anything is measured, in alternating halves: the JIT needs ~10^4 requests per JVM. */
    private static final int WARMUP_SECONDS = Integer.getInteger("benchmark.warmupSeconds", 60);
    private static final int ROUNDS = 2;

    @Test
    void theGatewayKeepsMostOfTheDirectThroughputAndAddsLittleLatency() throws Exception {
        StackOptions.Builder builder = StackOptions.builder(repositoryRoot()).baseDir(Files.createTempDirectory("quota-gateway-bench"))
                .freePorts().healthTimeout(Duration.ofMinutes(6)).appEnv(App.GATEWAY, "RATE_LIMIT_ENABLED", "false")
                .progress(line -> System.out.println("[stack] " + line));
        // -Dbenchmark.gatewayEnv=NAME=value,NAME=value: a gateway setting to compare against the default (printed)
        String gatewayEnv = System.getProperty("benchmark.gatewayEnv", "");
        // -Dbenchmark.serviceEnv=NAME=value,...: the same for target-service, e.g. to run one build with main's settings
        String serviceEnv = System.getProperty("benchmark.serviceEnv", "");
        appEnv(builder, App.GATEWAY, gatewayEnv);
        appEnv(builder, App.TARGET_SERVICE, serviceEnv);
        StackOptions options = builder.build();
        LocalStackRunner stack = LocalStackRunner.start(options);
        try {
            String token = new TokenClient(Duration.ofSeconds(30))
                    .userToken(options.baseUri(App.AUTH_SERVER).toString(), "admin", StackTokens.DEMO_PASSWORD);
            UUID unit = UUID.randomUUID();
            HttpResponse<String> created = SalesScenario.send(options.baseUri(App.TARGET_SERVICE), "PUT", "/api/org/units/" + unit,
                    token, SalesScenario.body("code", "BENCH-" + unit.toString().substring(0, 8), "name", "Benchmark unit",
                            "type", "COMPANY", "validFrom", "2025-01-01"), java.util.Map.of());
            assertThat(created.statusCode()).as(created.body()).isBetween(200, 299);
            String path = "/api/org/units/" + unit;
            URI direct = options.baseUri(App.TARGET_SERVICE).resolve(path);
            URI gateway = options.baseUri(App.GATEWAY).resolve(path);

            double loadAtStart = loadAverage();
            // warm both paths (JIT of the gateway, the service and this client; connection pools) before anything is
            // measured: with 5 s the C2 compiler thread took more CPU than the requests did (docs/benchmarks.md)
            for (int half = 0; half < 2; half++) {
                System.out.printf("warm-up %d/2: direct %.0f requests/s, gateway %.0f requests/s%n", half + 1,
                        measure(direct, token, WARMUP_SECONDS / 2).perSecond(), measure(gateway, token, WARMUP_SECONDS / 2).perSecond());
            }
            ProcessCpu cpu = new ProcessCpu(stack, List.of(App.GATEWAY, App.TARGET_SERVICE));
            List<Result> directRounds = new ArrayList<>();
            List<Result> gatewayRounds = new ArrayList<>();
            Map<String, Duration> directCpu = new LinkedHashMap<>();
            Map<String, Duration> gatewayCpu = new LinkedHashMap<>();
            for (int round = 0; round < ROUNDS; round++) {
                Map<String, Duration> before = cpu.snapshot();
                directRounds.add(measure(direct, token, SECONDS));
                Map<String, Duration> between = cpu.snapshot();
                gatewayRounds.add(measure(gateway, token, SECONDS));
                Map<String, Duration> after = cpu.snapshot();
                ProcessCpu.add(directCpu, ProcessCpu.spent(before, between));
                ProcessCpu.add(gatewayCpu, ProcessCpu.spent(between, after));
            }
            Result d = Result.merge(directRounds);
            Result g = Result.merge(gatewayRounds);
            System.out.println("== GatewayOverheadBenchmark ==");
            System.out.printf("machine: %d cores, %s %s, load average before the warm-up %.2f, at end %.2f%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name"), System.getProperty("java.version"), loadAtStart, loadAverage());
            System.out.println("gateway settings beyond the defaults: " + (gatewayEnv.isBlank() ? "none" : gatewayEnv));
            System.out.println("target-service settings beyond the defaults: " + (serviceEnv.isBlank() ? "none" : serviceEnv));
            System.out.printf("read: GET %s with a user token (JWT checked by each hop), %d clients, %d x %d s per path, alternating,"
                    + " after %d s of warm-up per path%n", "/api/org/units/{id}", CLIENTS, ROUNDS, SECONDS, WARMUP_SECONDS);
            System.out.println("direct  : " + d);
            System.out.println("gateway : " + g);
            System.out.println("CPU per request, direct  : " + ProcessCpu.per(directCpu, d.count()));
            System.out.println("CPU per request, gateway : " + ProcessCpu.per(gatewayCpu, g.count()));
            System.out.printf("gateway keeps %.1f%% of direct throughput (goal >= 90%%); adds %.2f ms at p50, %.2f ms at p99 (goal < 2 ms)%n",
                    100.0 * g.perSecond() / d.perSecond(), g.percentileMillis(50) - d.percentileMillis(50),
                    g.percentileMillis(99) - d.percentileMillis(99));
            assertThat(d.errors() + g.errors()).as("every read answered 200").isZero();
        } finally {
            stack.stop();
        }
    }

    private static void appEnv(StackOptions.Builder builder, App app, String pairs) {
        for (String pair : pairs.split(",")) {
            if (pair.contains("=")) {
                builder.appEnv(app, pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
    }

    /** Requests/s and latencies of one path over a number of seconds with {@link #CLIENTS} clients in closed loop. */
    private static Result measure(URI uri, String token, int seconds) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<long[]>> clients = new ArrayList<>();
            long started = System.nanoTime();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    long[] latencies = new long[1 << 16];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                        long took = System.nanoTime() - t0;
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                        if (n == latencies.length) {
                            latencies = Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = took;
                    }
                    return Arrays.copyOf(latencies, n);
                }));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> f : clients) {
                all.add(f.get());
            }
            return Result.of(all, System.nanoTime() - started, errors.get());
        } finally {
            pool.shutdownNow();
        }
    }

    private record Result(long[] sortedNanos, long elapsedNanos, long errors) {

        static Result of(List<long[]> perClient, long elapsedNanos, long errors) {
            long[] merged = perClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            return new Result(merged, elapsedNanos, errors);
        }

        static Result merge(List<Result> rounds) {
            long[] merged = rounds.stream().flatMapToLong(r -> Arrays.stream(r.sortedNanos())).sorted().toArray();
            return new Result(merged, rounds.stream().mapToLong(Result::elapsedNanos).sum(),
                    rounds.stream().mapToLong(Result::errors).sum());
        }

        int count() {
            return sortedNanos.length;
        }

        double perSecond() {
            return sortedNanos.length / (elapsedNanos / 1e9);
        }

        double percentileMillis(int p) {
            int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p / 100.0 * sortedNanos.length) - 1);
            return sortedNanos[Math.max(0, index)] / 1e6;
        }

        @Override
        public String toString() {
            return String.format("%8.0f requests/s, p50 %6.2f ms, p99 %6.2f ms, max %7.2f ms (%d requests, %d errors)",
                    perSecond(), percentileMillis(50), percentileMillis(99), sortedNanos[sortedNanos.length - 1] / 1e6,
                    sortedNanos.length, errors);
        }
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("mvnw")) ? here : here.getParent();
    }
}
