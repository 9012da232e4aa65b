package com.quota.targets.benchmark;

import com.quota.targets.AbstractTargetServiceIT;
import com.quota.testsupport.security.TestTokens;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import org.springframework.web.reactive.function.client.WebClient;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSV import of a year's targets, one BOOKINGS target per rep, printed (not a timed test): for each size in
 * {@code benchmark.import.rows} (10000; a comma list, e.g. {@code 1000,10000}, runs each in this JVM) a company with that
 * many reps, a file of one row per rep imported through {@code POST /api/targets/import} as a job ({@code Prefer:
 * respond-async}), the job polled to its end. Once with an ADMIN token, once with the company's DIRECTOR (scope: the
 * company subtree), each a new fiscal year. The job's phase (VALIDATING, then WRITING) is polled every 100 ms, which
 * splits the time. An import still running after {@code benchmark.import.maxMinutes} (30) is reported with its progress
 * and the size's remaining imports are skipped. The reps are written by SQL into org_rep and org_membership, as
 * {@link TargetAllocationBenchmark} does; the timed part is all HTTP, against the service directly.
 * On demand only: {@code ./mvnw -B -ntp -pl target-service -am verify -Pbenchmark -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=TargetImportBenchmark}.
 */
class TargetImportBenchmark extends AbstractTargetServiceIT {

    private static final List<Integer> SIZES = Arrays.stream(System.getProperty("benchmark.import.rows", "10000").split(","))
            .map(String::strip).map(Integer::valueOf).toList();
    private static final Duration MAX = Duration.ofMinutes(Integer.getInteger("benchmark.import.maxMinutes", 30));

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    @Test
    void importATargetPerRep() {
        double loadAtStart = load();
        List<String> lines = new ArrayList<>();
        int year = 2040;
        for (int rows : SIZES) {
            UUID company = UUID.randomUUID();
            UUID director = UUID.randomUUID();
            WebClient admin = http(TestTokens::admin);
            put(admin, "/api/org/units/" + company, Map.of("code", "IMP-" + company, "name", "Import Co", "type", "COMPANY",
                    "validFrom", "2024-01-01", "managerId", director));
            put(admin, "/api/org/reps/" + director, Map.of("username", "director-" + director, "displayName", "Director",
                    "role", "DIRECTOR", "unitId", company, "validFrom", "2024-01-01"));
            long setupStart = System.nanoTime();
            List<UUID> reps = seedReps(company, rows);
            say(lines, String.format("%d reps under a company unit by SQL into org_rep and org_membership: %.1f s", rows,
                    seconds(setupStart)));

            Run byAdmin = importFile(admin, "ADMIN", reps, ++year);
            say(lines, byAdmin.line);
            if (!byAdmin.finished) {
                say(lines, "  (the other imports of this size skipped: the job above still runs)");
                continue;
            }
            Run byDirector = importFile(http(() -> TestTokens.director(director)), "DIRECTOR (scope: the company subtree)",
                    reps, ++year);
            say(lines, byDirector.line);
        }
        Runtime runtime = Runtime.getRuntime();
        System.out.println(String.join("\n",
                "== TargetImportBenchmark ==",
                String.format("machine: %d cores, %s %s, %s %s %s, max heap %d MB, load average at start %.2f, at end %.2f",
                        runtime.availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
                        System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                        runtime.maxMemory() / (1024 * 1024), loadAtStart, load()),
                "over HTTP against target-service directly (embedded PostgreSQL, not through the gateway); each import is a"
                        + " job (Prefer: respond-async) polled every 100 ms",
                String.join("\n", lines)));
    }

    private record Run(boolean finished, String line) {
    }

    /** Printed at once as well: a run cut short still shows what it measured. */
    private static void say(List<String> lines, String line) {
        System.out.println("TargetImportBenchmark: " + line);
        lines.add(line);
    }

    /** Imports one BOOKINGS target per rep for the year and polls the job to its end. */
    private Run importFile(WebClient http, String who, List<UUID> reps, int year) {
        String prefix = "imp-" + year + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        StringBuilder csv = new StringBuilder("externalRef,fiscalYear,metric,ownerType,ownerId,productLine,region,channel,"
                + "customerSegment,level,annual,m01,m02,m03,m04,m05,m06,m07,m08,m09,m10,m11,m12\n");
        for (int i = 0; i < reps.size(); i++) {
            csv.append(prefix).append(i).append(',').append(year).append(",BOOKINGS,REP,").append(reps.get(i))
                    .append(",,,,,TARGET,120000.00,,,,,,,,,,,,\n");
        }
        double loadBefore = load();
        long start = System.nanoTime();
        ResponseEntity<Void> accepted = http.post().uri("/api/targets/import").contentType(MediaType.parseMediaType("text/csv"))
                .header("Prefer", "respond-async").bodyValue(csv.toString()).retrieve().toBodilessEntity()
                .block(Duration.ofMinutes(10));
        double acceptedAfter = seconds(start);
        String location = accepted.getHeaders().getLocation().toString();
        double[] writingFrom = {-1};
        Map<?, ?>[] last = {null};
        try {
            Awaitility.await().atMost(MAX).pollInterval(Duration.ofMillis(100)).until(() -> {
                Map<?, ?> job = http.get().uri(location).retrieve().bodyToMono(Map.class).block(Duration.ofMinutes(1));
                last[0] = job;
                if (writingFrom[0] < 0 && !"VALIDATING".equals(job.get("phase"))) {
                    writingFrom[0] = seconds(start);
                }
                return !"RUNNING".equals(job.get("status"));
            });
        } catch (ConditionTimeoutException e) {
            return new Run(false, String.format("%s, %d rows: NOT FINISHED after %d min (load average %.2f before, %.2f now):"
                            + " phase %s, %s of %d rows processed", who, reps.size(), MAX.toMinutes(), loadBefore, load(),
                    last[0].get("phase"), last[0].get("processedRows"), reps.size()));
        }
        double total = seconds(start);
        Map<?, ?> job = last[0];
        assertThat(job.get("status")).as("the job: %s", job).isEqualTo("SUCCEEDED");
        long written = db.sql("SELECT count(*) AS n FROM target t JOIN target_level_months a ON a.target_id = t.id"
                        + " WHERE t.external_ref LIKE :prefix")
                .bind("prefix", prefix + "%").map(r -> r.get("n", Long.class)).one().block(Duration.ofMinutes(1));
        assertThat(written).isEqualTo(reps.size());
        // the WRITING phase is seen by a poll up to 100 ms late (and not at all if it took less than a poll)
        String split = writingFrom[0] < 0 ? "phases not observed" : String.format(
                "validating ~%.3f s (incl. %.3f s to accept the file), writing ~%.3f s", writingFrom[0], acceptedAfter,
                total - writingFrom[0]);
        return new Run(true, String.format("%s, %d rows: %.3f s, %.0f rows/s (%s; load average %.2f before, %.2f after)",
                who, reps.size(), total, reps.size() / total, split, loadBefore, load()));
    }

    private List<UUID> seedReps(UUID company, int count) {
        List<UUID> reps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            reps.add(UUID.randomUUID());
        }
        BenchmarkReps.seed(db, company, reps);
        return reps;
    }

    private WebClient http(Supplier<String> token) {
        return WebClient.builder().baseUrl("http://localhost:" + port)
                // a fresh token per request: an import can outlive one token's lifetime
                .filter((request, next) -> next.exchange(ClientRequest.from(request)
                        .headers(h -> h.setBearerAuth(token.get())).build()))
                .exchangeStrategies(ExchangeStrategies.builder().codecs(c -> c.defaultCodecs().maxInMemorySize(-1)).build())
                .build();
    }

    private static void put(WebClient http, String path, Map<String, Object> body) {
        http.put().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(new LinkedHashMap<>(body)).retrieve()
                .toBodilessEntity().block(Duration.ofMinutes(1));
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
