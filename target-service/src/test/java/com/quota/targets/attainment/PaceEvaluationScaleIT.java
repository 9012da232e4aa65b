package com.quota.targets.attainment;

import com.quota.targets.AbstractTargetServiceIT;
import com.quota.calendar.PeriodKey;
import com.quota.targets.attainment.application.AttainmentQueries;
import com.quota.targets.attainment.application.PaceEvaluation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pace evaluation at a realistic size: a company of 360 reps in 24 teams and 4 regions, a year of ledger lines
 * (BOOKINGS and COLLECTIONS), a published FY2025 target for every owner. The evaluation must be a handful of set-based
 * statements in one short transaction: it prints owners evaluated and seconds (no timing asserted), raises every
 * alert once, and a cancelled evaluation leaves no row lock behind, so the next one runs at once.
 *
 * <p>The data is written by SQL (this test is about the evaluation, not the consumer; the ledger is built exactly as
 * the consumer builds it: lines, their units, and counters that are the Σ of the lines). FY2025 keeps it out of the
 * way of the other tests, which judge FY2026.
 */
class PaceEvaluationScaleIT extends AbstractTargetServiceIT {

    private static final LocalDate AS_OF = LocalDate.of(2025, 6, 20);
    private static final int REGIONS = 4;
    private static final int TEAMS_PER_REGION = 6;
    private static final int REPS_PER_TEAM = 15;
    private static final int LINES_PER_REP_AND_METRIC = 60;

    @Autowired
    private PaceEvaluation pace;
    @Autowired
    private DatabaseClient db;
    @Autowired
    private TransactionalOperator tx;
    @Autowired
    private AttainmentQueries queries;

    private static boolean loaded;
    private static UUID company;
    // the shared database keeps nothing of this company after the class: the rebuild and ledger-check tests compare
    // the whole ledger (these lines come from no topic)
    private static DatabaseClient cleanup;

    @AfterAll
    static void removeTheCompany() {
        if (cleanup == null) {
            return;
        }
        for (String sql : List.of(
                "DELETE FROM attainment_line_unit WHERE rep_id IN (SELECT owner_id FROM pace_scale_owner)",
                "DELETE FROM attainment_line WHERE rep_id IN (SELECT owner_id FROM pace_scale_owner)",
                "DELETE FROM attainment_counter WHERE owner_id IN (SELECT owner_id FROM pace_scale_owner)",
                "DELETE FROM attainment_pace_state WHERE owner_id IN (SELECT owner_id FROM pace_scale_owner)",
                "DELETE FROM target_level_months WHERE target_id IN (SELECT id FROM pace_scale_target)",
                "DELETE FROM target_version WHERE target_id IN (SELECT id FROM pace_scale_target)",
                "DELETE FROM target WHERE id IN (SELECT id FROM pace_scale_target)",
                "DROP TABLE pace_scale_target", "DROP TABLE pace_scale_owner")) {
            cleanup.sql(sql).fetch().rowsUpdated().block(Duration.ofMinutes(5));
        }
    }

    @BeforeEach
    void company() {
        if (loaded) {
            return;
        }
        company = UUID.randomUUID();
        cleanup = db;
        // owners: the company, regions, teams, reps (ids generated, the tree kept in a temp table for the roll-up)
        sql("CREATE TABLE pace_scale_owner (owner_type text, owner_id uuid, team uuid, region uuid, rep_no int)");
        sql("INSERT INTO pace_scale_owner VALUES ('UNIT', '" + company + "', NULL, NULL, NULL)");
        sql("INSERT INTO pace_scale_owner SELECT 'UNIT', gen_random_uuid(), NULL, NULL, r FROM generate_series(1, "
                + REGIONS + ") r");
        sql("INSERT INTO pace_scale_owner SELECT 'UNIT', gen_random_uuid(), NULL, reg.owner_id, t"
                + " FROM pace_scale_owner reg, generate_series(1, " + TEAMS_PER_REGION + ") t"
                + " WHERE reg.owner_type = 'UNIT' AND reg.rep_no IS NOT NULL");
        sql("INSERT INTO pace_scale_owner SELECT 'REP', gen_random_uuid(), team.owner_id, team.region, n"
                + " FROM pace_scale_owner team, generate_series(1, " + REPS_PER_TEAM + ") n WHERE team.region IS NOT NULL");
        // a published FY2025 target for every owner and both metrics: reps 100,000.00 a month (BOOKINGS), 60,000.00
        // (COLLECTIONS); units the Σ of their reps
        sql("""
                CREATE TABLE pace_scale_target AS
                SELECT gen_random_uuid() AS id, o.owner_type, o.owner_id, m.metric,
                       m.monthly * CASE WHEN o.owner_type = 'REP' THEN 1
                                        WHEN o.owner_id = CAST('%s' AS uuid) THEN %d
                                        WHEN o.region IS NULL THEN %d ELSE %d END AS monthly
                FROM pace_scale_owner o,
                     (VALUES ('BOOKINGS', 100000.00), ('COLLECTIONS', 60000.00)) AS m(metric, monthly)
                """.formatted(company, REGIONS * TEAMS_PER_REGION * REPS_PER_TEAM, TEAMS_PER_REGION * REPS_PER_TEAM,
                REPS_PER_TEAM));
        sql("INSERT INTO target (id, fiscal_year, metric, owner_type, owner_id, currency, current_version, version)"
                + " SELECT id, 2025, metric, owner_type, owner_id, 'CNY', 1, 1 FROM pace_scale_target");
        sql("INSERT INTO target_version (target_id, number, status, effective_from, created_by, published_by, published_at)"
                + " SELECT id, 1, 'PUBLISHED', DATE '2025-01-01', 'pace-scale', 'pace-scale', now() FROM pace_scale_target");
        sql("INSERT INTO target_level_months (target_id, version_number, level, months)"
                + " SELECT id, 1, 'TARGET', array_fill(monthly, ARRAY[12]) FROM pace_scale_target");
        // a year of lines per rep and metric (2024-06-21 .. 2025-06-20); rep n earns about n/15 of its target, so the
        // spread has reps ahead and behind
        sql("""
                INSERT INTO attainment_line (source_event_id, source_event_type, rep_id, metric, credit_date, amount,
                    currency, opportunity_id)
                SELECT gen_random_uuid(), CASE m.metric WHEN 'BOOKINGS' THEN 'OpportunityWon' ELSE 'PaymentReceived' END,
                       o.owner_id, m.metric, DATE '2025-06-20' - ((i * 365) / %d),
                       round(m.monthly * 12 / %d * o.rep_no / 10.0, 2), 'CNY', gen_random_uuid()
                FROM pace_scale_owner o, generate_series(1, %d) i,
                     (VALUES ('BOOKINGS', 100000.00), ('COLLECTIONS', 60000.00)) AS m(metric, monthly)
                WHERE o.owner_type = 'REP'
                """.formatted(LINES_PER_REP_AND_METRIC, LINES_PER_REP_AND_METRIC, LINES_PER_REP_AND_METRIC));
        sql("""
                INSERT INTO attainment_line_unit (source_event_id, rep_id, metric, unit_id, depth, credit_date)
                SELECT l.source_event_id, l.rep_id, l.metric, u.unit_id, u.depth, l.credit_date
                FROM attainment_line l JOIN pace_scale_owner o ON o.owner_id = l.rep_id,
                     LATERAL (VALUES (o.team, 1), (o.region, 2), (CAST('%s' AS uuid), 3)) AS u(unit_id, depth)
                """.formatted(company));
        sql("""
                INSERT INTO attainment_counter (owner_type, owner_id, metric, month, dimension, amount, currency)
                SELECT 'REP', l.rep_id, l.metric, CAST(date_trunc('month', l.credit_date) AS date), '*', sum(l.amount), 'CNY'
                FROM attainment_line l JOIN pace_scale_owner o ON o.owner_id = l.rep_id
                GROUP BY l.rep_id, l.metric, date_trunc('month', l.credit_date)
                UNION ALL
                SELECT 'UNIT', u.unit_id, l.metric, CAST(date_trunc('month', l.credit_date) AS date), '*', sum(l.amount), 'CNY'
                FROM attainment_line l JOIN pace_scale_owner o ON o.owner_id = l.rep_id
                JOIN attainment_line_unit u ON u.source_event_id = l.source_event_id AND u.rep_id = l.rep_id
                     AND u.metric = l.metric
                GROUP BY u.unit_id, l.metric, date_trunc('month', l.credit_date)
                """);
        sql("ANALYZE");
        loaded = true;
    }

    @Test
    void aCompanyOfHundredsOfRepsIsJudgedInOneShortSetBasedPassAndEachCrossingAlertsOnce() {
        PaceAlertSettings settings = new PaceAlertSettings(new BigDecimal("80"), new BigDecimal("25"));
        long owners = count("SELECT count(*) AS n FROM pace_scale_owner");
        long lines = count("SELECT count(*) AS n FROM attainment_line l JOIN pace_scale_owner o ON o.owner_id = l.rep_id");

        long start = System.nanoTime();
        PaceEvaluation.Outcome first = pace.evaluate(AS_OF, settings).block(Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("PaceEvaluationScaleIT: %d owners (%d ledger lines), %d owner-periods judged, %d behind pace,"
                        + " %d back on pace, in %.2f s%n", owners, lines, first.judged(), first.behindPace(),
                first.backOnPace(), seconds);

        // every owner × metric × (month, quarter) of this company is judged, some ahead and some behind pace
        assertThat(first.judged()).isGreaterThanOrEqualTo((int) owners * 2 * 2);
        long judgedHere = count("SELECT count(*) AS n FROM attainment_pace_state s JOIN pace_scale_owner o"
                + " ON o.owner_id = s.owner_id WHERE s.threshold_percent = 80 AND s.evaluated_on = DATE '2025-06-20'");
        assertThat(judgedHere).isEqualTo(owners * 2 * 2);
        long behindHere = count("SELECT count(*) AS n FROM attainment_pace_state s JOIN pace_scale_owner o"
                + " ON o.owner_id = s.owner_id WHERE s.state = 'BEHIND' AND s.threshold_percent = 80");
        assertThat(behindHere).isBetween(1L, judgedHere - 1);
        long alertsHere = count("SELECT count(*) AS n FROM outbox_event o WHERE o.event_type = 'AttainmentBehindPace'"
                + " AND o.payload ->> 'thresholdPercent' = '80.00' AND CAST(o.payload -> 'owner' ->> 'id' AS uuid)"
                + " IN (SELECT owner_id FROM pace_scale_owner)");
        assertThat(alertsHere).isEqualTo(behindHere);

        // the pace stored is the pace the figures query answers for the same owner, metric, period and date
        db.sql("SELECT s.owner_type, s.owner_id, s.metric, s.period_key, s.pace_percent FROM attainment_pace_state s"
                        + " JOIN pace_scale_owner o ON o.owner_id = s.owner_id WHERE s.threshold_percent = 80"
                        + " ORDER BY md5(CAST(s.owner_id AS text) || s.metric || s.period_key) LIMIT 40")
                .map(row -> new Object[]{new Owner(OwnerType.valueOf(row.get("owner_type", String.class)),
                        row.get("owner_id", UUID.class)), Metric.valueOf(row.get("metric", String.class)),
                        PeriodKey.parse(row.get("period_key", String.class)), row.get("pace_percent", BigDecimal.class)})
                .all().collectList().block()
                .forEach(r -> assertThat(queries.figures((Owner) r[0], (Metric) r[1], (PeriodKey) r[2], Dimensions.ALL, AS_OF)
                        .block().figures().levels().get(TargetLevel.TARGET).pacePercent())
                        .as("pace of %s %s %s", r[0], r[1], r[2]).isEqualByComparingTo((BigDecimal) r[3]));

        // the same day again raises nothing new
        PaceEvaluation.Outcome again = pace.evaluate(AS_OF, settings).block(Duration.ofMinutes(10));
        assertThat(again.behindPace()).isZero();
        assertThat(again.backOnPace()).isZero();
        assertThat(count("SELECT count(*) AS n FROM outbox_event o WHERE o.event_type = 'AttainmentBehindPace'"
                + " AND CAST(o.payload -> 'owner' ->> 'id' AS uuid) IN (SELECT owner_id FROM pace_scale_owner)"))
                .isEqualTo(alertsHere);
    }

    @Test
    void aCancelledEvaluationRollsBackAndLeavesNoLockBehind() {
        PaceAlertSettings settings = new PaceAlertSettings(new BigDecimal("75"), new BigDecimal("25"));
        pace.evaluate(AS_OF, settings).block(Duration.ofMinutes(10));
        UUID rep = db.sql("SELECT owner_id FROM pace_scale_owner WHERE owner_type = 'REP' ORDER BY owner_id LIMIT 1")
                .map(row -> row.get("owner_id", UUID.class)).one().block();

        // another transaction holds one of the state rows, so the next evaluation waits on it mid-way; it is cancelled
        CompletableFuture<Void> release = new CompletableFuture<>();
        Disposable holder = tx.execute(status -> db.sql("SELECT state FROM attainment_pace_state WHERE owner_id = :rep"
                                + " AND threshold_percent = 75 FOR UPDATE").bind("rep", rep).fetch().all()
                        .then(Mono.fromFuture(release)))
                .subscribeOn(Schedulers.boundedElastic()).subscribe();
        await().atMost(Duration.ofSeconds(30)).until(() -> locksOnPaceState() > 0);
        Disposable cancelled = pace.evaluate(AS_OF.plusDays(5), settings).subscribeOn(Schedulers.boundedElastic()).subscribe();
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) AS n FROM pg_stat_activity"
                + " WHERE datname = current_database() AND wait_event_type = 'Lock'") > 0);
        cancelled.dispose();
        release.complete(null);
        holder.dispose();

        // nothing of the cancelled evaluation is kept, no lock is left, and the next evaluation runs through
        await().atMost(Duration.ofSeconds(60)).until(() -> locksOnPaceState() == 0);
        assertThat(count("SELECT count(*) AS n FROM attainment_pace_state WHERE threshold_percent = 75"
                + " AND evaluated_on > DATE '2025-06-20'")).isZero();
        long start = System.nanoTime();
        PaceEvaluation.Outcome next = pace.evaluate(AS_OF.plusDays(5), settings).block(Duration.ofMinutes(10));
        System.out.printf("PaceEvaluationScaleIT: after a cancelled evaluation, %d owner-periods judged in %.2f s%n",
                next.judged(), (System.nanoTime() - start) / 1e9);
        assertThat(count("SELECT count(*) AS n FROM attainment_pace_state s JOIN pace_scale_owner o"
                + " ON o.owner_id = s.owner_id WHERE s.threshold_percent = 75 AND s.evaluated_on = DATE '2025-06-25'"))
                .isEqualTo(count("SELECT count(*) AS n FROM pace_scale_owner") * 2 * 2);
    }

    private long locksOnPaceState() {
        return count("SELECT count(*) AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
                + " WHERE c.relname = 'attainment_pace_state' AND l.pid <> pg_backend_pid()");
    }

    private void sql(String sql) {
        db.sql(sql).fetch().rowsUpdated().block(Duration.ofMinutes(5));
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get("n", Long.class)).one().block(Duration.ofMinutes(1));
    }
}
