package com.quota.systemtests.proof.load;

import com.quota.localstack.apps.App;
import com.quota.systemtests.proof.chaos.ChaosScenario;
import com.quota.systemtests.proof.chaos.ProofStack;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static com.quota.systemtests.proof.chaos.ChaosScenario.body;

/**
 * The forecast and funnel rows of part 4: {@code open} open opportunities (plus a tenth as many won and a twentieth
 * lost, one owner each, 20% in USD, 10% undated, their stage history, an account per rep) seeded by SQL into
 * pipeline-service's database as its ForecastBenchmark does, in a pipeline created through the gateway; then the
 * company forecast (year, quarter), one rep's forecast and the company funnel over 365 days timed through the gateway
 * with an ADMIN token. Its ceilings: pgbench, one client, running the bare SQL aggregate over the same rows.
 */
final class ForecastLoad {

    private static final Duration SLOW = Duration.ofMinutes(5);

    private final ProofStack stack;
    private final int open;
    private final int won;
    private final int lost;
    private final int reps;
    private final int samples;
    private final int pgbenchSeconds;
    private final List<String> problems;
    private final LocalDate today = ChaosScenario.today();

    ForecastLoad(ProofStack stack, int open, int samples, int pgbenchSeconds, List<String> problems) {
        this.stack = stack;
        this.open = open;
        this.won = open / 10;
        this.lost = open / 20;
        // 1,000 reps for 100,000 deals as in ForecastBenchmark: one rep has 100 open deals whatever the size
        this.reps = Math.max(1, Math.min(1_000, open / 100));
        this.samples = samples;
        this.pgbenchSeconds = pgbenchSeconds;
        this.problems = problems;
    }

    List<LoadProof.Row> measure() throws SQLException, IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        ProofStack.Answer pipelineCreated = stack.call("POST", "/api/pipelines", stack.admin(), body("name", "Load " + run,
                "externalRef", "LD-PIPE-" + run, "stages", List.of(
                        stage("P1", "Qualification", 10, "PIPELINE", 10, "40", null),
                        stage("P2", "Proposal", 40, "BEST_CASE", 20, "75", null),
                        stage("P3", "Negotiation", 70, "COMMIT", 30, "60", null),
                        stage("WON", "Closed won", 100, "COMMIT", 0, null, "WON"),
                        stage("LOST", "Closed lost", 0, "OMITTED", 0, null, "LOST"))));
        AllocationLoad.expect(pipelineCreated, "pipeline");
        UUID pipeline = UUID.fromString(pipelineCreated.json().get("id").asString());
        AllocationLoad.expect(stack.call("PUT", "/api/fx-rates/USD/2020-01-01", stack.admin(), body("rate", "7.1234")), "fx rate");

        long loadStart = System.nanoTime();
        List<UUID> repIds = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            repIds.add(UUID.nameUUIDFromBytes(("proof-rep-" + run + "-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        seed(run, pipeline, repIds);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        System.out.printf("[load] forecast: %d open + %d won + %d lost opportunities of %d reps seeded by SQL into pipeline-service in %.1f s%n",
                open, won, lost, reps, loadSeconds);

        String year = "FY" + today.plusDays(60).getYear();
        String quarter = "FY" + today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
        UUID oneRep = repIds.get(Math.min(7, reps - 1));
        String funnel = "/api/forecast/funnel?pipelineId=" + pipeline + "&from=" + today.minusDays(365) + "&to=" + today;
        JsonNode all = stack.call("GET", funnel, stack.admin(), null, Map.of(), SLOW).json();
        int inFunnel = all.path("open").asInt() + all.path("won").asInt() + all.path("lost").asInt();
        if (inFunnel != open + won + lost) {
            problems.add("the company funnel holds " + inFunnel + " deals, not " + (open + won + lost) + ": " + all);
        }

        double[] forecastSql = pgbench("forecast", """
                SELECT date_trunc('month', o.expected_close_date) AS month,
                       sum(o.amount * CASE o.currency WHEN 'USD' THEN 7.1234 ELSE 1 END * s.probability / 100.0) AS weighted
                FROM opportunity o JOIN pipeline_stage s ON s.id = o.stage_id
                WHERE o.pipeline_id = '%s' AND o.status = 'OPEN'
                GROUP BY 1;
                """.formatted(pipeline));
        double[] repSql = pgbench("forecast-rep", """
                SELECT date_trunc('month', o.expected_close_date) AS month,
                       sum(o.amount * CASE o.currency WHEN 'USD' THEN 7.1234 ELSE 1 END * w.split_percent / 100.0
                           * s.probability / 100.0) AS weighted
                FROM opportunity o JOIN opportunity_owner w ON w.opportunity_id = o.id AND w.rep_id = '%s'
                     JOIN pipeline_stage s ON s.id = o.stage_id
                WHERE o.pipeline_id = '%s' AND o.status = 'OPEN'
                GROUP BY 1;
                """.formatted(oneRep, pipeline));
        double[] funnelSql = pgbench("funnel", """
                SELECT h.stage_code, count(DISTINCT h.opportunity_id)
                FROM opportunity o JOIN opportunity_stage_history h ON h.opportunity_id = o.id
                WHERE o.pipeline_id = '%s' AND h.entered_on BETWEEN DATE '%s' AND DATE '%s'
                GROUP BY 1;
                """.formatted(pipeline, today.minusDays(365), today));
        String forecastCeiling = String.format("pgbench, 1 client, %d s: Σ amount × FX × stage probability of the %,d open deals "
                + "grouped by close month (one JOIN to the stages): %.1f ms average", pgbenchSeconds, open, forecastSql[1]);
        String repCeiling = String.format("pgbench, 1 client, %d s: the same Σ over the rep's %,d open deals (joined through "
                + "their owner rows, × split): %.1f ms average", pgbenchSeconds, open / reps, repSql[1]);
        String funnelCeiling = String.format("pgbench, 1 client, %d s: deals entering each stage in the 365 days (count distinct "
                + "over the %,d deals' stage history, grouped by stage): %.1f ms average", pgbenchSeconds, open + won + lost, funnelSql[1]);

        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("forecast, company, " + year + ", stage probability", "/api/forecast?period=" + year);
        queries.put("forecast, company, " + quarter + ", stage probability", "/api/forecast?period=" + quarter);
        queries.put("forecast, one rep (" + (open / reps) + " open deals), " + year, "/api/forecast?period=" + year + "&repId=" + oneRep);
        queries.put("funnel, company, 365 days", funnel);
        queries.put("funnel, one rep, 365 days", funnel + "&repId=" + oneRep);
        List<LoadProof.Row> rows = new ArrayList<>();
        queries.forEach((name, path) -> {
            List<Long> micros = sample(path);
            double p50 = LoadProof.percentile(micros, 50) / 1000.0;
            boolean isFunnel = name.startsWith("funnel");
            boolean isRep = path.contains("repId=");
            double ceiling = isFunnel ? funnelSql[1] : isRep ? repSql[1] : forecastSql[1];
            rows.add(new LoadProof.Row(String.format("%s over %,d open opportunities, p50 / p99 / max ms (%d samples, through the gateway)",
                    name, open, micros.size()),
                    String.format("%.1f / %.1f / %.1f", p50, LoadProof.percentile(micros, 99) / 1000.0,
                            micros.isEmpty() ? Double.NaN : micros.get(micros.size() - 1) / 1000.0),
                    isFunnel ? funnelCeiling : isRep ? repCeiling : forecastCeiling, LoadProof.ratio(p50, ceiling) + " (p50 / pgbench average)"));
        });
        return rows;
    }

    /** Three warm-up requests, then {@code samples} timed ones; the sorted times in µs. */
    private List<Long> sample(String path) {
        for (int i = 0; i < 3; i++) {
            stack.call("GET", path, stack.admin(), null, Map.of(), SLOW);
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            ProofStack.Answer answer = stack.call("GET", path, stack.admin(), null, Map.of(), SLOW);
            if (answer.ok()) {
                micros.add(answer.took().toNanos() / 1000);
            } else {
                problems.add("GET " + path + ": " + answer.status() + " " + answer.error() + " " + answer.body());
            }
        }
        Collections.sort(micros);
        return micros;
    }

    /** tps and average latency (ms) of one pgbench client running this query against pipeline-service's database. */
    private double[] pgbench(String name, String sql) throws IOException {
        Path script = Files.createTempFile("proof-" + name, ".sql");
        Files.writeString(script, sql.replace("\n", " ").strip() + "\n");
        KafkaTools.Run run = KafkaTools.pgbench(stack.runner().options().postgresPort(), database(), script, 1, pgbenchSeconds);
        return new double[] {LoadProof.number(run.last(Pattern.compile("tps = ([0-9.]+)"))),
                LoadProof.number(run.last(Pattern.compile("latency average = ([0-9.]+) ms")))};
    }

    /** Accounts, opportunities, owners and stage history by set-based SQL, as pipeline-service's ForecastBenchmark loads them. */
    private void seed(String run, UUID pipeline, List<UUID> repIds) throws SQLException {
        try (Connection c = DriverManager.getConnection(stack.runner().options().jdbcUrl(database()), "postgres", "postgres");
             Statement s = c.createStatement()) {
            List<UUID> stages = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT id FROM pipeline_stage WHERE pipeline_id = '" + pipeline + "' ORDER BY position")) {
                while (r.next()) {
                    stages.add(r.getObject(1, UUID.class));
                }
            }
            List<UUID> accounts = new ArrayList<>();
            for (int i = 0; i < reps; i++) {
                accounts.add(UUID.randomUUID());
            }
            Map<String, String> v = Map.of("open", Integer.toString(open), "won", Integer.toString(won),
                    "total", Integer.toString(open + won + lost), "today", "DATE '" + today + "'", "reps", Integer.toString(reps),
                    "repIds", AllocationLoad.uuidArray(repIds), "accounts", AllocationLoad.uuidArray(accounts),
                    "stages", AllocationLoad.uuidArray(stages), "pipeline", "'" + pipeline + "'::uuid", "run", "'" + run + "'");
            s.execute(sql("""
                    INSERT INTO account (id, name, owner_rep_id, region, segment, industry)
                    SELECT a, 'Proof account ' || ${run} || '-' || n, r, 'EAST', 'ENTERPRISE', 'PHARMA'
                    FROM unnest(${accounts}, ${repIds}) WITH ORDINALITY AS x(a, r, n)""", v));
            // deal i: rep i % reps; open stage k = i % 3; created 30..329 days ago, each stage 10 days; every 5th in USD,
            // every 10th undated; i in (open, open + won] won, the rest lost
            String deals = sql("""
                    SELECT i, i % 3 AS k, md5('proof-opp-' || ${run} || '-' || i)::uuid AS id,
                           CASE WHEN i <= ${open} THEN 'OPEN' WHEN i <= ${open} + ${won} THEN 'WON' ELSE 'LOST' END AS status,
                           ${today} - 30 - (i % 300) AS created_on
                    FROM generate_series(1, ${total}) i""", v);
            s.execute(sql("""
                    WITH d AS (%s),
                         shaped AS (SELECT d.*, CASE d.status WHEN 'OPEN' THEN d.k WHEN 'WON' THEN 3 ELSE d.k + 1 END AS last_seq FROM d)
                    INSERT INTO opportunity (id, account_id, pipeline_id, title, amount, currency, expected_close_date, stage_id,
                        stage_entered_on, status, close_date, won_fx_rate, won_fx_rate_date, won_reporting_amount, loss_reason,
                        competitor, created_on)
                    SELECT s.id, (${accounts})[s.i % ${reps} + 1], ${pipeline}, 'Proof deal ' || s.i,
                           1000 + (s.i * 7919) % 100000 + 0.37, CASE WHEN s.i % 5 = 0 THEN 'USD' ELSE 'CNY' END,
                           CASE WHEN s.i % 10 = 0 THEN NULL ELSE ${today} - 30 + (s.i % 330) END,
                           CASE s.status WHEN 'OPEN' THEN (${stages})[s.k + 1]
                                         WHEN 'WON' THEN (${stages})[4] ELSE (${stages})[5] END,
                           s.created_on + s.last_seq * 10, s.status,
                           CASE WHEN s.status <> 'OPEN' THEN s.created_on + s.last_seq * 10 END,
                           CASE WHEN s.status = 'WON' THEN CASE WHEN s.i % 5 = 0 THEN 7.1234 ELSE 1 END END,
                           CASE WHEN s.status = 'WON' THEN DATE '2020-01-01' END,
                           CASE WHEN s.status = 'WON' THEN round((1000 + (s.i * 7919) % 100000 + 0.37)
                                * CASE WHEN s.i % 5 = 0 THEN 7.1234 ELSE 1 END, 2) END,
                           CASE WHEN s.status = 'LOST' THEN (ARRAY['Price', 'Timing', 'No budget'])[s.i % 3 + 1] END,
                           CASE WHEN s.status = 'LOST' THEN (ARRAY['Beifang', 'Nanhai', 'Xibu', 'Dongfang'])[s.i % 4 + 1] END,
                           s.created_on
                    FROM shaped s""".replace("%s", deals), v));
            s.execute(sql("""
                    INSERT INTO opportunity_owner (opportunity_id, rep_id, split_percent, is_primary, position)
                    SELECT md5('proof-opp-' || ${run} || '-' || i)::uuid, (${repIds})[i % ${reps} + 1], 100, true, 0
                    FROM generate_series(1, ${total}) i""", v));
            s.execute(sql("""
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
                    FROM visits v JOIN pipeline_stage ps ON ps.id = (${stages})[v.stage_no]""".replace("%s", deals), v));
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM opportunity WHERE status = 'OPEN' AND pipeline_id = '" + pipeline + "'")) {
                r.next();
                if (r.getLong(1) != open) {
                    throw new IllegalStateException("seeded " + r.getLong(1) + " open opportunities, expected " + open);
                }
            }
            // the funnel facts (V7) pipeline-service writes with every change, from the views its migration backfills with:
            // without them the funnel would read no deal at all
            s.execute("INSERT INTO funnel_deal SELECT * FROM funnel_deal_source ON CONFLICT (id) DO NOTHING");
            s.execute("INSERT INTO funnel_stay SELECT * FROM funnel_stay_source ON CONFLICT (id, stage_id) DO NOTHING");
            s.execute("ANALYZE");
        }
    }

    private static String sql(String template, Map<String, String> values) {
        String out = template;
        for (var e : values.entrySet()) {
            out = out.replace("${" + e.getKey() + "}", e.getValue());
        }
        return out;
    }

    private static String database() {
        return App.PIPELINE_SERVICE.database().orElseThrow();
    }

    private static Map<String, Object> stage(String code, String name, int probability, String category, int days, String rate,
                                             String closedAs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("name", name);
        m.put("probability", probability);
        m.put("forecastCategory", category);
        m.put("expectedDays", days);
        if (rate != null) {
            m.put("conversionRate", rate);
        }
        if (closedAs != null) {
            m.put("closedAs", closedAs);
        }
        return m;
    }
}
