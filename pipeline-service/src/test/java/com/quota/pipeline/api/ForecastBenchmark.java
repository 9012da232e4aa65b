package com.quota.pipeline.api;

import com.quota.calendar.FiscalCalendar;
import com.quota.pipeline.AbstractPipelineServiceIT;
import com.quota.testsupport.security.TestTokens;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On demand only ({@code -Pbenchmark}, never in the normal build): the forecast and the funnel over 100,000 open
 * opportunities of a company of 1,000 reps (plus 10,000 won and 5,000 lost), requested over HTTP directly against
 * the service (not through the gateway); prints p50/p99 per query and the machine: first on a cold JVM as it starts
 * ({@code 5} warm-ups), then after {@code -Dbenchmark.warmupSeconds} (default 60) of every query in turn, with the
 * server's {@code plan_cache_mode} and {@code jit} as they are, forced to custom plans, and off. See docs/benchmarks.md.
 *
 * <pre>./mvnw -B -ntp -pl pipeline-service -am verify -Pbenchmark -Dit.test=ForecastBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class ForecastBenchmark extends AbstractPipelineServiceIT {

    @Autowired
    DatabaseClient db;

    final int open = Integer.getInteger("benchmark.open", 100_000);
    final int won = open / 10;
    final int lost = open / 20;
    final int reps = Integer.getInteger("benchmark.reps", 1_000);
    final int samples = Integer.getInteger("benchmark.samples", 100);
    // on a loaded machine a query may take seconds: each query samples until this budget is spent (at least benchmark.minSamples),
    // so the run finishes and says how many samples its percentiles rest on
    final Duration budget = Duration.ofSeconds(Integer.getInteger("benchmark.budgetSeconds", 90));
    final int minSamples = Integer.getInteger("benchmark.minSamples", 20);
    // the JVMs are still compiling after a few requests: this long of every query in turn before the warm figures
    final Duration warmup = Duration.ofSeconds(Integer.getInteger("benchmark.warmupSeconds", 60));
    final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Test
    void forecastAndFunnelOverAHundredThousandOpenOpportunities() {
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        PipelineTestApi api = new PipelineTestApi(client.mutate().responseTimeout(Duration.ofMinutes(2)).build(), db);
        UUID pipeline = api.createPipeline();
        api.ok(api.put(TestTokens.admin(), "/api/fx-rates/USD/2020-01-01", null, Map.of("rate", "7.1234")));
        long loadStart = System.nanoTime();
        load(pipeline);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        long deals = db.sql("SELECT count(*) AS n FROM opportunity WHERE status = 'OPEN' AND pipeline_id = :p").bind("p", pipeline)
                .map(r -> r.get("n", Long.class)).one().block();
        assertThat(deals).isEqualTo(open);

        FiscalCalendar calendar = new FiscalCalendar(Month.JANUARY);
        String year = "FY" + calendar.fiscalYearOf(today.plusDays(60));
        String quarter = calendar.quarterOf(today).toString();
        // tokens are short-lived: a fresh one per request, minted before the clock starts
        UUID directorId = UUID.randomUUID();
        String director = TestTokens.director(directorId);
        UUID oneRep = rep(7);
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("forecast, company, " + year + ", stage probability", "/api/forecast?period=" + year);
        queries.put("forecast, company, " + quarter + ", configured chain", "/api/forecast?period=" + quarter
                + "&probability=CONFIGURED_CHAIN");
        queries.put("forecast, one rep (100 open deals), " + year, "/api/forecast?period=" + year + "&repId=" + oneRep);
        queries.put("funnel, company, 365 days", "/api/forecast/funnel?pipelineId=" + pipeline + "&from=" + today.minusDays(365)
                + "&to=" + today);
        queries.put("funnel, one rep, 365 days", "/api/forecast/funnel?pipelineId=" + pipeline + "&from=" + today.minusDays(365)
                + "&to=" + today + "&repId=" + oneRep);

        // sanity: the figures hold every deal
        JsonNode funnel = api.ok(api.get(director, queries.get("funnel, company, 365 days")));
        assertThat(funnel.path("open").asInt() + funnel.path("won").asInt() + funnel.path("lost").asInt()).isEqualTo(open + won + lost);

        List<String> lines = new ArrayList<>() {
            @Override
            public boolean add(String line) {
                System.out.println(line); // as it comes: a long run shows its progress
                return super.add(line);
            }
        };
        lines.add("== ForecastBenchmark ==");
        lines.add(machine(loadAtStart));
        lines.add(String.format("data: %d open + %d won + %d lost opportunities, %d reps (one owner each), 20%% in USD, 10%% "
                + "undated; loaded by SQL in %.1f s (not a figure of the service)", open, won, lost, reps, loadSeconds));
        lines.add("direct HTTP against pipeline-service (WebTestClient over the random port; not through the gateway), "
                + "DIRECTOR token, up to " + samples + " samples per query (at least " + minSamples + ", within "
                + budget.toSeconds() + " s) after 5 warm-up requests per query and variant");
        lines.add("database: " + db.sql("SELECT version() AS v, current_setting('jit') AS jit, pg_jit_available() AS llvm, "
                        + "current_setting('plan_cache_mode') AS pcm, current_setting('jit_above_cost') AS jac")
                .map(r -> r.get("v", String.class).replaceAll(" on .*", "") + "; jit=" + r.get("jit", String.class)
                        + " (LLVM JIT available: " + r.get("llvm", Boolean.class) + ", jit_above_cost "
                        + r.get("jac", String.class) + "); plan_cache_mode=" + r.get("pcm", String.class)).one().block());
        // 1. as the benchmark always did: right after the JVM started, 5 warm-ups, then the samples
        measure("cold JVM (5 warm-ups, as before), plan_cache_mode=auto, jit=default", api, queries, directorId, lines);
        // 2. the JVMs were still compiling after a short warm-up: run every query in turn for a while, unmeasured
        long warmupEnd = System.nanoTime() + warmup.toNanos();
        int warmupRequests = 0;
        while (System.nanoTime() < warmupEnd) {
            for (String path : queries.values()) {
                api.ok(api.get(TestTokens.director(directorId), path));
                warmupRequests++;
            }
        }
        lines.add(String.format("-- warm-up: %d more requests over %d s, every query in turn, not measured --", warmupRequests,
                warmup.toSeconds()));
        // 3. the session settings, for every pooled connection at once: ALTER SYSTEM + reload reaches the open sessions
        // too (the service's connections do not SET these themselves), and a cached plan is re-chosen per execution
        try {
            measure("warm JVM, plan_cache_mode=auto, jit=default", api, queries, directorId, lines);
            systemSetting("plan_cache_mode", "force_custom_plan");
            measure("warm JVM, plan_cache_mode=force_custom_plan (no generic plan)", api, queries, directorId, lines);
            systemSetting("plan_cache_mode", null);
            systemSetting("jit", "off");
            measure("warm JVM, plan_cache_mode=auto, jit=off", api, queries, directorId, lines);
            systemSetting("jit", null);
            measure("warm JVM, plan_cache_mode=auto, jit=default, again (drift check)", api, queries, directorId, lines);
        } finally {
            db.sql("ALTER SYSTEM RESET ALL").then().block();
            db.sql("SELECT pg_reload_conf()").then().block();
        }
        lines.add(String.format("load average at end: %.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        System.out.println("== ForecastBenchmark summary ==");
        lines.forEach(System.out::println);
    }

    /** Samples every query (5 warm-ups each first) and adds a line per query under the variant's heading. */
    private void measure(String variant, PipelineTestApi api, Map<String, String> queries, UUID directorId, List<String> lines) {
        lines.add("-- " + variant + " --");
        queries.forEach((name, path) -> {
            for (int i = 0; i < 5; i++) {
                api.ok(api.get(TestTokens.director(directorId), path));
            }
            List<Long> micros = new ArrayList<>();
            long deadline = System.nanoTime() + budget.toNanos();
            for (int i = 0; i < samples && (i < minSamples || System.nanoTime() < deadline); i++) {
                String token = TestTokens.director(directorId);
                long start = System.nanoTime();
                api.ok(api.get(token, path));
                micros.add((System.nanoTime() - start) / 1_000);
            }
            Collections.sort(micros);
            lines.add(String.format("%-55s n %3d   p50 %7.1f ms   p99 %7.1f ms   max %7.1f ms", name, micros.size(),
                    percentile(micros, 50) / 1000.0, percentile(micros, 99) / 1000.0, micros.get(micros.size() - 1) / 1000.0));
        });
    }

    /** Sets (or with null resets) a server setting for every session, and waits until a pooled session sees it. */
    private void systemSetting(String name, String value) {
        db.sql(value == null ? "ALTER SYSTEM RESET " + name : "ALTER SYSTEM SET " + name + " = '" + value + "'").then().block();
        db.sql("SELECT pg_reload_conf()").then().block();
        String expected = value != null ? value : db.sql("SELECT boot_val FROM pg_settings WHERE name = :n").bind("n", name)
                .map(r -> r.get("boot_val", String.class)).one().block();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> expected.equals(db.sql("SELECT current_setting(:n) AS v")
                .bind("n", name).map(r -> r.get("v", String.class)).one().block()));
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static UUID rep(int n) {
        return UUID.nameUUIDFromBytes(("bench-rep-" + n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String machine(double loadAtStart) {
        return String.format("machine: %d cores, %s %s, %s %s %s, max heap %d MB, load average at start %.2f "
                        + "(the machine is shared: other builds run at the same time); embedded PostgreSQL 17",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), loadAtStart);
    }

    /** Reps, accounts, opportunities with owners and stage history, written by SQL (the API would take hours). */
    private void load(UUID pipeline) {
        List<UUID> stages = db.sql("SELECT id FROM pipeline_stage WHERE pipeline_id = :p ORDER BY position").bind("p", pipeline)
                .map(r -> r.get("id", UUID.class)).all().collectList().block();
        UUID[] repIds = new UUID[reps];
        for (int i = 0; i < reps; i++) {
            repIds[i] = rep(i);
        }
        db.sql("""
                INSERT INTO account (id, name, owner_rep_id, region, segment, industry)
                SELECT gen_random_uuid(), 'Bench account ' || r, (CAST(:reps AS uuid[]))[r], 'EAST', 'ENTERPRISE', 'PHARMA'
                FROM generate_series(1, :n) r""").bind("reps", repIds).bind("n", reps).then().block();
        List<UUID> accounts = db.sql("SELECT id FROM account WHERE name LIKE 'Bench account %' ORDER BY owner_rep_id")
                .map(r -> r.get("id", UUID.class)).all().collectList().block();
        Map<UUID, UUID> accountOf = new LinkedHashMap<>();
        db.sql("SELECT id, owner_rep_id FROM account WHERE name LIKE 'Bench account %'")
                .map(r -> Map.entry(r.get("owner_rep_id", UUID.class), r.get("id", UUID.class))).all()
                .doOnNext(e -> accountOf.put(e.getKey(), e.getValue())).blockLast();
        UUID[] accountByRep = new UUID[reps];
        for (int i = 0; i < reps; i++) {
            accountByRep[i] = accountOf.get(repIds[i]);
        }
        assertThat(accounts).hasSize(reps);
        // deal i: rep i % reps; open stage k = i % 3; created 30..329 days ago, each stage 10 days; every 5th in USD,
        // every 10th undated; i in (open, open + won] won, the rest lost
        String deals = """
                SELECT i, i % 3 AS k, md5('bench-opp-' || i)::uuid AS id,
                       CASE WHEN i <= :open THEN 'OPEN' WHEN i <= :open + :won THEN 'WON' ELSE 'LOST' END AS status,
                       CAST(:today AS date) - 30 - (i % 300) AS created_on
                FROM generate_series(1, :total) i""";
        db.sql("""
                WITH d AS (%s),
                     shaped AS (SELECT d.*, CASE d.status WHEN 'OPEN' THEN d.k WHEN 'WON' THEN 3 ELSE d.k + 1 END AS last_seq FROM d)
                INSERT INTO opportunity (id, account_id, pipeline_id, title, amount, currency, expected_close_date, stage_id,
                    stage_entered_on, status, close_date, won_fx_rate, won_fx_rate_date, won_reporting_amount, loss_reason,
                    competitor, created_on)
                SELECT s.id, (CAST(:accounts AS uuid[]))[s.i %% :reps + 1], :pipeline, 'Bench deal ' || s.i,
                       1000 + (s.i * 7919) %% 100000 + 0.37, CASE WHEN s.i %% 5 = 0 THEN 'USD' ELSE 'CNY' END,
                       CASE WHEN s.i %% 10 = 0 THEN NULL ELSE CAST(:today AS date) - 30 + (s.i %% 330) END,
                       CASE s.status WHEN 'OPEN' THEN (CAST(:stages AS uuid[]))[s.k + 1]
                                     WHEN 'WON' THEN (CAST(:stages AS uuid[]))[4] ELSE (CAST(:stages AS uuid[]))[5] END,
                       s.created_on + s.last_seq * 10, s.status,
                       CASE WHEN s.status <> 'OPEN' THEN s.created_on + s.last_seq * 10 END,
                       CASE WHEN s.status = 'WON' THEN CASE WHEN s.i %% 5 = 0 THEN 7.1234 ELSE 1 END END,
                       CASE WHEN s.status = 'WON' THEN DATE '2020-01-01' END,
                       CASE WHEN s.status = 'WON' THEN round((1000 + (s.i * 7919) %% 100000 + 0.37)
                            * CASE WHEN s.i %% 5 = 0 THEN 7.1234 ELSE 1 END, 2) END,
                       CASE WHEN s.status = 'LOST' THEN (ARRAY['Price', 'Timing', 'No budget'])[s.i %% 3 + 1] END,
                       CASE WHEN s.status = 'LOST' THEN (ARRAY['Beifang', 'Nanhai', 'Xibu', 'Dongfang'])[s.i %% 4 + 1] END,
                       s.created_on
                FROM shaped s""".formatted(deals)).bind("open", open).bind("won", won).bind("total", open + won + lost)
                .bind("today", today).bind("accounts", accountByRep).bind("reps", reps).bind("pipeline", pipeline)
                .bind("stages", stages.toArray(UUID[]::new)).then().block();
        db.sql("""
                INSERT INTO opportunity_owner (opportunity_id, rep_id, split_percent, is_primary, position)
                SELECT md5('bench-opp-' || i)::uuid, (CAST(:reps AS uuid[]))[i %% :n + 1], 100, true, 0
                FROM generate_series(1, :total) i""".formatted()).bind("reps", repIds).bind("n", reps)
                .bind("total", open + won + lost).then().block();
        db.sql("""
                WITH d AS (%s),
                     shaped AS (SELECT d.*, CASE d.status WHEN 'OPEN' THEN d.k WHEN 'WON' THEN 3 ELSE d.k + 1 END AS last_seq FROM d),
                     visits AS (SELECT s.*, j,
                                       CASE WHEN s.status = 'OPEN' OR j < s.last_seq THEN j + 1
                                            WHEN s.status = 'WON' THEN 4 ELSE 5 END AS stage_no
                                FROM shaped s CROSS JOIN LATERAL generate_series(0, s.last_seq) j)
                INSERT INTO opportunity_stage_history (id, opportunity_id, seq, stage_id, stage_code, stage_name, probability,
                    forecast_category, expected_days, conversion_rate, closed_as, entered_on, entered_at, left_on, left_at)
                SELECT gen_random_uuid(), v.id, v.j, ps.id, ps.code, ps.name, ps.probability, ps.forecast_category,
                       ps.expected_days, ps.conversion_rate, ps.closed_as, v.created_on + v.j * 10,
                       CAST(v.created_on + v.j * 10 AS timestamp) AT TIME ZONE 'Asia/Shanghai',
                       CASE WHEN v.j < v.last_seq THEN v.created_on + (v.j + 1) * 10 END,
                       CASE WHEN v.j < v.last_seq THEN CAST(v.created_on + (v.j + 1) * 10 AS timestamp) AT TIME ZONE 'Asia/Shanghai' END
                FROM visits v JOIN pipeline_stage ps ON ps.id = (CAST(:stages AS uuid[]))[v.stage_no]""".formatted(deals))
                .bind("open", open).bind("won", won).bind("total", open + won + lost).bind("today", today)
                .bind("stages", stages.toArray(UUID[]::new)).then().block();
        // the funnel facts (V7) the store writes with every change, from the same views the migration backfills with
        db.sql("INSERT INTO funnel_deal SELECT * FROM funnel_deal_source ON CONFLICT (id) DO NOTHING").then().block();
        db.sql("INSERT INTO funnel_stay SELECT * FROM funnel_stay_source ON CONFLICT (id, stage_id) DO NOTHING").then().block();
        db.sql("ANALYZE").then().block();
    }
}
