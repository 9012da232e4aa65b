package com.quota.systemtests.proof.load;

import com.quota.localstack.apps.App;
import com.quota.systemtests.proof.chaos.ChaosScenario;
import com.quota.systemtests.proof.chaos.ProofStack;
import org.postgresql.PGConnection;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.quota.systemtests.proof.chaos.ChaosScenario.body;

/**
 * The allocation row of part 4: {@code reps} reps seeded by SQL into target-service's org tables under one
 * company/region/team tree (setup, as target-service's TargetAllocationBenchmark does: the API would take minutes), then
 * through the gateway with an ADMIN token, round after round, a new year's company target created, distributed over 12
 * months and allocated down to the team, whose allocation to its reps is timed (preview, then saved); the first rounds
 * warm the services up, the median of the others is the figure. Then the company's tree is read back. Its ceiling:
 * COPY of the rows the save writes into tables shaped exactly like target-service's, on the stack's PostgreSQL.
 */
final class AllocationLoad {

    private static final Duration SLOW = Duration.ofMinutes(10);
    private static final int WARMUP_ROUNDS = Integer.getInteger("proof.load.allocationWarmups", 2);
    private static final int MEASURED_ROUNDS = Math.max(1, Integer.getInteger("proof.load.allocationRounds", 5));

    private final ProofStack stack;
    private final int reps;
    private final List<String> problems;

    AllocationLoad(ProofStack stack, int reps, List<String> problems) {
        this.stack = stack;
        this.reps = reps;
        this.problems = problems;
    }

    List<LoadProof.Row> measure() throws SQLException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        UUID company = UUID.randomUUID();
        UUID region = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        unit(company, null, "COMPANY", "LD-" + run);
        unit(region, company, "REGION", "LD-R-" + run);
        unit(team, region, "TEAM", "LD-T-" + run);

        // setup, not a figure: the reps and their memberships in the team, as TargetAllocationBenchmark writes them
        List<UUID> repIds = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            repIds.add(UUID.randomUUID());
        }
        long setupStart = System.nanoTime();
        try (Connection c = targets(); Statement s = c.createStatement()) {
            String ids = uuidArray(repIds);
            s.execute("""
                    INSERT INTO org_rep (id, display_name, role, active, hire_date, version, changed_at)
                    SELECT id, 'Rep ' || id, 'REP', true, date '2025-01-01', 1, now() FROM unnest(%s) AS x(id)""".formatted(ids));
            s.execute("""
                    INSERT INTO org_membership (rep_id, unit_id, valid_from)
                    SELECT id, '%s'::uuid, date '2025-01-01' FROM unnest(%s) AS x(id)""".formatted(team, ids));
        }
        System.out.printf("[load] allocation: %d reps seeded by SQL into target-service's org_rep and org_membership in %.1f s%n",
                reps, seconds(setupStart));

        // each round allocates a new year's target down to the team's reps; the first rounds warm the services up (a JVM's
        // first allocations run interpreted), the median of the others is the figure
        Map<String, String> minimal = Map.of("Prefer", "return=minimal");
        List<Double> measured = new ArrayList<>();
        ProofStack.Answer preview = null;
        long rows = 0;
        int lastYear = 0;
        for (int round = 1; round <= WARMUP_ROUNDS + MEASURED_ROUNDS; round++) {
            int year = ChaosScenario.today().getYear() + round;
            String teamTarget = teamTarget(company, year);
            String allocations = "/api/targets/" + teamTarget + "/allocations";
            preview = stack.call("POST", allocations, stack.admin(), body("method", "EQUAL", "preview", true), minimal, SLOW);
            expect(preview, "allocation preview");
            ProofStack.Answer saved = stack.call("POST", allocations, stack.admin(), body("method", "EQUAL"), minimal, SLOW);
            expect(saved, "allocation saved");
            rows = count("SELECT count(*) FROM target_amount a JOIN target t ON t.id = a.target_id WHERE t.parent_target_id = '"
                    + teamTarget + "'");
            if (rows != reps * 12L) {
                problems.add("allocation saved " + rows + " monthly amounts, expected " + reps * 12L);
            }
            boolean warmup = round <= WARMUP_ROUNDS;
            if (!warmup) {
                measured.add(secs(saved));
            }
            lastYear = year;
            System.out.printf("[load] allocation %s (FY%d): preview %.3f s, saved %.3f s%n",
                    warmup ? "warm-up " + round : "measured " + (round - WARMUP_ROUNDS), year, secs(preview), secs(saved));
        }
        List<Double> sorted = measured.stream().sorted().toList();
        double median = sorted.get(sorted.size() / 2);
        ProofStack.Answer tree = stack.call("GET", "/api/targets/tree?unitId=" + company + "&period=FY" + lastYear + "&metric=BOOKINGS",
                stack.admin(), null, Map.of(), SLOW);
        expect(tree, "tree");

        double[] copy = copyCeiling(repIds, lastYear);
        System.out.printf("[load] allocation of %d reps: saved median %.3f s of %s, preview %.3f s (%d bytes), tree %.3f s (%d bytes);"
                        + " COPY ceiling best %.3f s of %s%n", reps, median, sorted, secs(preview), preview.body().length(), secs(tree),
                tree.body().length(), copy[0], java.util.Arrays.toString(copy));
        String copied = String.format("COPY of the same rows (%,d target + %,d target_version + %,d target_level_months of 12 months, "
                + "tables LIKE target-service's: same columns, indexes and foreign keys) in one transaction: %.3f s (best of 3)",
                reps, reps, reps, copy[0]);
        return List.of(
                new LoadProof.Row(String.format("allocation to %,d reps x 12 months, saved (POST /api/targets/{team}/allocations, "
                                + "EQUAL, Prefer: return=minimal), through the gateway, median of %d after %d warm-up rounds",
                                reps, sorted.size(), WARMUP_ROUNDS),
                        String.format("%.3f s (best %.3f, worst %.3f; %,d monthly amounts written)", median, sorted.get(0),
                                sorted.get(sorted.size() - 1), rows), copied, LoadProof.ratio(median, copy[0])),
                new LoadProof.Row(String.format("allocation to %,d reps, preview (nothing written), last round", reps),
                        String.format("%.3f s", secs(preview)), "-", "no write: lookups and arithmetic only"),
                new LoadProof.Row(String.format("target tree read back, company, FY%d (%,d nodes, %,d bytes)", lastYear, reps + 3,
                        tree.body().length()), String.format("%.3f s", secs(tree)), "-", "-"));
    }

    /**
     * The year's company target created, distributed over 12 months and allocated down to the team (full answers): the
     * team's target, ready to be allocated to the reps.
     */
    private String teamTarget(UUID company, int year) {
        ProofStack.Answer created = stack.call("POST", "/api/targets", stack.admin(), body("fiscalYear", year, "metric", "BOOKINGS",
                "ownerType", "UNIT", "ownerId", company, "levels", List.of(body("level", "TARGET", "annual", "120000000.00"))),
                Map.of(), SLOW);
        expect(created, "company target");
        String target = created.json().get("id").asString();
        expect(stack.call("POST", "/api/targets/" + target + "/distribution", stack.admin(), body("method", "PROFILE",
                        "weights", List.of("7", "7", "9", "8", "8", "9", "8", "8", "9", "8", "8", "11")),
                Map.of("If-Match", created.etag() == null ? "\"1\"" : created.etag()), SLOW), "distribution");
        return onlyChild(onlyChild(target, "company -> region"), "region -> team");
    }

    /** Allocates a target to its one child unit (full answer) and answers the child's target. */
    private String onlyChild(String target, String what) {
        ProofStack.Answer answer = stack.call("POST", "/api/targets/" + target + "/allocations", stack.admin(), body("method", "EQUAL"),
                Map.of(), SLOW);
        expect(answer, what);
        return answer.json().get("children").get(0).get("targetId").asString();
    }

    /**
     * Seconds PostgreSQL takes at best to write the rows a save of this allocation writes (a target, its version 1 and a
     * row of its 12 monthly amounts per rep), by COPY into a scratch schema of target-service's database; best of three, the rows
     * built before the clock starts.
     */
    private double[] copyCeiling(List<UUID> repIds, int year) throws SQLException {
        StringBuilder targets = new StringBuilder();
        StringBuilder versions = new StringBuilder();
        StringBuilder amounts = new StringBuilder();
        UUID parent = UUID.randomUUID();
        for (UUID rep : repIds) {
            UUID id = UUID.randomUUID();
            targets.append(id).append(',').append(year).append(",BOOKINGS,REP,").append(rep).append(",CNY,").append(parent).append(",1,1\n");
            versions.append(id).append(",1,DRAFT,").append(year).append("-01-01,admin\n");
            amounts.append(id).append(",1,TARGET,\"{");
            for (int m = 1; m <= 12; m++) {
                amounts.append(m == 1 ? "" : ",").append(1000 + m).append(".0000");
            }
            amounts.append("}\"\n");
        }
        double[] seconds = new double[3];
        try (Connection c = targets(); Statement s = c.createStatement()) {
            s.execute("""
                    DROP SCHEMA IF EXISTS proof_scratch CASCADE;
                    CREATE SCHEMA proof_scratch;
                    CREATE TABLE proof_scratch.target (LIKE public.target INCLUDING ALL);
                    CREATE TABLE proof_scratch.target_version (LIKE public.target_version INCLUDING ALL,
                        FOREIGN KEY (target_id) REFERENCES proof_scratch.target (id));
                    CREATE TABLE proof_scratch.target_level_months (LIKE public.target_level_months INCLUDING ALL,
                        FOREIGN KEY (target_id, version_number) REFERENCES proof_scratch.target_version (target_id, number))""");
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (int i = 0; i < seconds.length; i++) {
                s.execute("TRUNCATE proof_scratch.target_level_months, proof_scratch.target_version, proof_scratch.target");
                c.setAutoCommit(false);
                long start = System.nanoTime();
                copy.copyIn("COPY proof_scratch.target (id, fiscal_year, metric, owner_type, owner_id, currency, parent_target_id, "
                        + "current_version, version) FROM STDIN (FORMAT csv)", new StringReader(targets.toString()));
                copy.copyIn("COPY proof_scratch.target_version (target_id, number, status, effective_from, created_by) FROM STDIN "
                        + "(FORMAT csv)", new StringReader(versions.toString()));
                copy.copyIn("COPY proof_scratch.target_level_months (target_id, version_number, level, months) FROM STDIN (FORMAT csv)",
                        new StringReader(amounts.toString()));
                c.commit();
                seconds[i] = seconds(start);
                c.setAutoCommit(true);
            }
            s.execute("DROP SCHEMA proof_scratch CASCADE");
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
        java.util.Arrays.sort(seconds);
        return seconds;
    }

    private void unit(UUID id, UUID parent, String type, String code) {
        expect(stack.call("PUT", "/api/org/units/" + id, stack.admin(), body("code", code, "name", code, "type", type,
                "parentId", parent, "managerId", null, "validFrom", "2025-01-01")), "unit " + code);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = targets(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private Connection targets() throws SQLException {
        return DriverManager.getConnection(stack.runner().options().jdbcUrl(App.TARGET_SERVICE.database().orElseThrow()),
                "postgres", "postgres");
    }

    static String uuidArray(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "'{", "}'::uuid[]"));
    }

    static void expect(ProofStack.Answer answer, String what) {
        if (!answer.ok()) {
            throw new IllegalStateException(what + ": " + answer.status() + " " + answer.error() + " " + answer.body());
        }
    }

    private static double secs(ProofStack.Answer answer) {
        return answer.took().toNanos() / 1e9;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
