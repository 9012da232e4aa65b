package com.quota.targets.benchmark;

import com.quota.targets.AbstractTargetServiceIT;
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
 * target distributed over 12 months and allocated to every rep (months down the tree: 120,000 monthly rows), then the
 * tree read back. Over HTTP against the service directly (the gateway is not part of this module's test context).
 * On demand only: {@code ./mvnw -B -ntp -pl target-service verify -Pbenchmark -Dit.test=TargetAllocationBenchmark}.
 */
class TargetAllocationBenchmark extends AbstractTargetServiceIT {

    private static final int REPS = Integer.getInteger("benchmark.reps", 10_000);

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
        Flux.fromIterable(reps).flatMap(rep -> http.put().uri("/api/org/reps/" + rep).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("username", "bench-" + rep, "displayName", "Rep " + rep, "role", "REP",
                                "unitId", company, "validFrom", "2024-01-01"))
                        .retrieve().toBodilessEntity(), 8)
                .blockLast(Duration.ofMinutes(30));
        double setupSeconds = seconds(setupStart);

        Map<String, Object> level = new LinkedHashMap<>();
        level.put("level", "TARGET");
        level.put("annual", "120000000.00");
        Map<?, ?> created = http.post().uri("/api/targets").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("fiscalYear", 2027, "metric", "BOOKINGS", "ownerType", "UNIT", "ownerId", company,
                        "levels", List.of(level)))
                .retrieve().bodyToMono(Map.class).block(Duration.ofMinutes(1));
        String target = created.get("id").toString();

        long distributeStart = System.nanoTime();
        http.post().uri("/api/targets/" + target + "/distribution").header(HttpHeaders.IF_MATCH, "\"1\"")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("method", "PROFILE", "weights", List.of("7", "7", "9", "8", "8", "9", "8", "8", "9", "8", "8", "11")))
                .retrieve().toBodilessEntity().block(Duration.ofMinutes(1));
        double distributeSeconds = seconds(distributeStart);

        Map<String, Object> allocation = Map.of("method", "EQUAL");
        Map<String, Object> preview = Map.of("method", "EQUAL", "preview", true);
        long previewStart = System.nanoTime();
        int previewBytes = post(http, "/api/targets/" + target + "/allocations", preview).length;
        double previewSeconds = seconds(previewStart);

        long allocateStart = System.nanoTime();
        int allocateBytes = post(http, "/api/targets/" + target + "/allocations", allocation).length;
        double allocateSeconds = seconds(allocateStart);
        long rows = db.sql("SELECT count(*) AS n FROM target_amount a JOIN target t ON t.id = a.target_id WHERE t.parent_target_id = :p")
                .bind("p", UUID.fromString(target)).map(r -> r.get("n", Long.class)).one().block();
        assertThat(rows).isEqualTo(REPS * 12L);

        long reallocateStart = System.nanoTime();
        post(http, "/api/targets/" + target + "/allocations", allocation);
        double reallocateSeconds = seconds(reallocateStart);

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
                String.format("setup: %d reps created by PUT /api/org/reps/{id} (8 concurrent) in %.1f s (%.0f/s)", REPS,
                        setupSeconds, REPS / setupSeconds),
                String.format("distribute the company target over 12 months (PROFILE): %.3f s", distributeSeconds),
                String.format("allocate to %d reps, preview (nothing written, %d bytes answered): %.3f s", REPS, previewBytes,
                        previewSeconds),
                String.format("allocate to %d reps, saved (%d monthly rows persisted, %d bytes answered): %.3f s", REPS, rows,
                        allocateBytes, allocateSeconds),
                String.format("allocate again, the %d DRAFTs updated: %.3f s", REPS, reallocateSeconds),
                String.format("read the tree back, FY2027 (%d nodes, %d bytes): %.3f s; FY2027-M03: %.3f s", REPS + 1, tree.length,
                        treeSeconds, monthSeconds),
                String.format("bottom-up view of the company target: %.3f s", bottomUpSeconds)));
    }

    private static void put(WebClient http, String path, Map<String, Object> body) {
        http.put().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).retrieve().toBodilessEntity()
                .block(Duration.ofMinutes(1));
    }

    private static byte[] post(WebClient http, String path, Map<String, Object> body) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).retrieve()
                .bodyToMono(byte[].class).block(Duration.ofMinutes(10));
    }

    private static byte[] get(WebClient http, String path) {
        return http.get().uri(path).retrieve().bodyToMono(byte[].class).block(Duration.ofMinutes(10));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
