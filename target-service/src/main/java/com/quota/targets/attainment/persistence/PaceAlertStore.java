package com.quota.targets.attainment.persistence;

import com.quota.targets.attainment.Metric;
import com.quota.targets.attainment.Owner;
import com.quota.targets.attainment.OwnerType;
import com.quota.targets.attainment.PaceAlertSettings;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The stored alert thresholds, the owners currently behind pace, and the daily runs. */
@Repository
public class PaceAlertStore {

    // one key for every instance's daily run: the first to take it (in its transaction) runs, the others skip
    private static final long DAILY_RUN_LOCK = 0x4154_5041_4345_0001L;

    private final DatabaseClient db;

    public PaceAlertStore(DatabaseClient db) {
        this.db = db;
    }

    /** The stored settings, whether pace is judged on every change (besides daily), and their version. */
    public record StoredSettings(PaceAlertSettings settings, boolean evaluateOnChange, long version) {
    }

    public Mono<StoredSettings> settings() {
        return db.sql("SELECT threshold_percent, minimum_elapsed_percent, evaluate_on_change, version"
                        + " FROM attainment_alert_settings WHERE id = 1")
                .map((row, meta) -> new StoredSettings(new PaceAlertSettings(row.get("threshold_percent", BigDecimal.class),
                        row.get("minimum_elapsed_percent", BigDecimal.class)),
                        Boolean.TRUE.equals(row.get("evaluate_on_change", Boolean.class)), row.get("version", Long.class)))
                .one();
    }

    /** Replaces the settings if they are still at {@code expectedVersion}; emits the rows changed (0 or 1). */
    public Mono<Long> updateSettings(PaceAlertSettings settings, boolean evaluateOnChange, long expectedVersion,
                                     String updatedBy) {
        return db.sql("UPDATE attainment_alert_settings SET threshold_percent = :threshold,"
                        + " minimum_elapsed_percent = :elapsed, evaluate_on_change = :onChange, version = version + 1,"
                        + " updated_by = :by, updated_at = now() WHERE id = 1 AND version = :expected")
                .bind("threshold", settings.thresholdPercent())
                .bind("elapsed", settings.minimumElapsedPercent())
                .bind("onChange", evaluateOnChange)
                .bind("by", updatedBy)
                .bind("expected", expectedVersion)
                .fetch().rowsUpdated();
    }

    /** The pace state of an owner × metric × period at a threshold. */
    public record PaceStateKey(Owner owner, Metric metric, String periodKey) implements Comparable<PaceStateKey> {

        @Override
        public int compareTo(PaceStateKey o) {
            // the primary key's order (owner_type, owner_id, metric, period_key): rows are locked in this order
            int c = owner.type().name().compareTo(o.owner.type().name());
            if (c == 0) {
                c = owner.id().toString().compareTo(o.owner.id().toString());
            }
            if (c == 0) {
                c = metric.name().compareTo(o.metric.name());
            }
            return c != 0 ? c : periodKey.compareTo(o.periodKey);
        }
    }

    /** A stored pace state: where the owner stands, since when behind, how many crossings so far. */
    public record PaceStateRow(PaceStateKey key, String state, LocalDate behindSince, int crossings,
                               LocalDate evaluatedOn, BigDecimal pacePercent) {
    }

    /**
     * In the caller's transaction: creates the missing states (on pace, no crossing) and locks all of them, in key
     * order, in two statements; emits the states as they stand. {@code keys} must be sorted.
     */
    public Flux<PaceStateRow> lockStates(List<PaceStateKey> keys, BigDecimal threshold, LocalDate asOf) {
        if (keys.isEmpty()) {
            return Flux.empty();
        }
        String[] types = keys.stream().map(k -> k.owner().type().name()).toArray(String[]::new);
        UUID[] ids = keys.stream().map(k -> k.owner().id()).toArray(UUID[]::new);
        String[] metrics = keys.stream().map(k -> k.metric().name()).toArray(String[]::new);
        String[] periods = keys.stream().map(PaceStateKey::periodKey).toArray(String[]::new);
        Mono<Long> create = db.sql("""
                        INSERT INTO attainment_pace_state (owner_type, owner_id, metric, period_key, threshold_percent, state,
                            crossings, evaluated_on)
                        SELECT k.owner_type, k.owner_id, k.metric, k.period_key, :threshold, 'ON_PACE', 0, :asOf
                        FROM unnest(CAST(:types AS text[]), CAST(:ids AS uuid[]), CAST(:metrics AS text[]),
                                    CAST(:periods AS text[])) WITH ORDINALITY AS k(owner_type, owner_id, metric, period_key, ord)
                        ORDER BY k.ord
                        ON CONFLICT (owner_type, owner_id, metric, period_key, threshold_percent) DO NOTHING
                        """)
                .bind("types", types).bind("ids", ids).bind("metrics", metrics).bind("periods", periods)
                .bind("threshold", threshold).bind("asOf", asOf)
                .fetch().rowsUpdated();
        Flux<PaceStateRow> lock = db.sql("""
                        SELECT s.* FROM attainment_pace_state s
                        JOIN unnest(CAST(:types AS text[]), CAST(:ids AS uuid[]), CAST(:metrics AS text[]),
                                    CAST(:periods AS text[])) AS k(owner_type, owner_id, metric, period_key)
                          ON s.owner_type = k.owner_type AND s.owner_id = k.owner_id AND s.metric = k.metric
                         AND s.period_key = k.period_key
                        WHERE s.threshold_percent = :threshold
                        ORDER BY s.owner_type, s.owner_id, s.metric, s.period_key
                        FOR UPDATE OF s
                        """)
                .bind("types", types).bind("ids", ids).bind("metrics", metrics).bind("periods", periods)
                .bind("threshold", threshold)
                .map((row, meta) -> new PaceStateRow(new PaceStateKey(
                        new Owner(OwnerType.valueOf(row.get("owner_type", String.class)), row.get("owner_id", UUID.class)),
                        Metric.valueOf(row.get("metric", String.class)), row.get("period_key", String.class)),
                        row.get("state", String.class), row.get("behind_since", LocalDate.class),
                        row.get("crossings", Integer.class), row.get("evaluated_on", LocalDate.class),
                        row.get("pace_percent", BigDecimal.class)))
                .all();
        return create.thenMany(lock);
    }

    /** In the caller's transaction: writes the states (locked before by {@link #lockStates}) in one statement. */
    public Mono<Void> saveStates(List<PaceStateRow> rows, BigDecimal threshold) {
        if (rows.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        UPDATE attainment_pace_state s SET state = n.state,
                            behind_since = CAST(NULLIF(n.behind_since, '') AS date), crossings = CAST(n.crossings AS integer),
                            evaluated_on = CAST(n.evaluated_on AS date),
                            pace_percent = CAST(NULLIF(n.pace_percent, '') AS numeric), updated_at = now()
                        FROM unnest(CAST(:types AS text[]), CAST(:ids AS uuid[]), CAST(:metrics AS text[]),
                                    CAST(:periods AS text[]), CAST(:states AS text[]), CAST(:behindSince AS text[]),
                                    CAST(:crossings AS text[]), CAST(:evaluatedOn AS text[]), CAST(:pace AS text[]))
                             AS n(owner_type, owner_id, metric, period_key, state, behind_since, crossings, evaluated_on,
                                  pace_percent)
                        WHERE s.owner_type = n.owner_type AND s.owner_id = n.owner_id AND s.metric = n.metric
                          AND s.period_key = n.period_key AND s.threshold_percent = :threshold
                        """)
                .bind("types", rows.stream().map(r -> r.key().owner().type().name()).toArray(String[]::new))
                .bind("ids", rows.stream().map(r -> r.key().owner().id()).toArray(UUID[]::new))
                .bind("metrics", rows.stream().map(r -> r.key().metric().name()).toArray(String[]::new))
                .bind("periods", rows.stream().map(r -> r.key().periodKey()).toArray(String[]::new))
                .bind("states", rows.stream().map(PaceStateRow::state).toArray(String[]::new))
                .bind("behindSince", rows.stream().map(r -> r.behindSince() == null ? "" : r.behindSince().toString())
                        .toArray(String[]::new))
                .bind("crossings", rows.stream().map(r -> Integer.toString(r.crossings())).toArray(String[]::new))
                .bind("evaluatedOn", rows.stream().map(r -> r.evaluatedOn().toString()).toArray(String[]::new))
                .bind("pace", rows.stream().map(r -> r.pacePercent() == null ? "" : r.pacePercent().toPlainString())
                        .toArray(String[]::new))
                .bind("threshold", threshold)
                .fetch().rowsUpdated().then();
    }

    /**
     * In the caller's transaction: a lock wait longer than {@code timeout} fails the transaction instead of queueing
     * behind it (a transaction left open elsewhere never makes an evaluation hang).
     */
    public Mono<Void> limitLockWait(java.time.Duration timeout) {
        return db.sql("SELECT set_config('lock_timeout', :timeout, true) AS t")
                .bind("timeout", timeout.toMillis() + "ms")
                .fetch().rowsUpdated().then();
    }

    /** An owner behind pace for a period, as of its last evaluation. */
    public record CurrentAlert(Owner owner, Metric metric, String periodKey, BigDecimal thresholdPercent,
                               LocalDate behindSince, BigDecimal pacePercent, LocalDate evaluatedOn, int crossings) {
    }

    /**
     * The owners behind pace at this threshold for these periods, limited to the given reps and units (null: all),
     * ordered by pace (furthest behind first).
     */
    public Flux<CurrentAlert> behind(Collection<String> periodKeys, BigDecimal threshold, Collection<UUID> reps,
                                     Collection<UUID> units) {
        String scope = reps == null ? "" : " AND ((owner_type = 'REP' AND owner_id = ANY(:reps))"
                + " OR (owner_type = 'UNIT' AND owner_id = ANY(:units)))";
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT * FROM attainment_pace_state WHERE state = 'BEHIND'"
                        + " AND period_key = ANY(:periods) AND threshold_percent = :threshold" + scope
                        + " ORDER BY pace_percent NULLS LAST, owner_type, owner_id, metric, period_key")
                .bind("periods", periodKeys.toArray(String[]::new))
                .bind("threshold", threshold);
        if (reps != null) {
            spec = spec.bind("reps", reps.toArray(UUID[]::new)).bind("units", units.toArray(UUID[]::new));
        }
        return spec.map((row, meta) -> new CurrentAlert(
                        new Owner(OwnerType.valueOf(row.get("owner_type", String.class)), row.get("owner_id", UUID.class)),
                        Metric.valueOf(row.get("metric", String.class)), row.get("period_key", String.class),
                        row.get("threshold_percent", BigDecimal.class), row.get("behind_since", LocalDate.class),
                        row.get("pace_percent", BigDecimal.class), row.get("evaluated_on", LocalDate.class),
                        row.get("crossings", Integer.class)))
                .all();
    }

    /**
     * In the caller's transaction: true when this instance may run the day's evaluation — it holds the run lock (no
     * other instance runs now) and the day has no finished run yet.
     */
    public Mono<Boolean> claimDailyRun(LocalDate day) {
        return db.sql("SELECT pg_try_advisory_xact_lock(:key) AS locked")
                .bind("key", DAILY_RUN_LOCK)
                .map((row, meta) -> Boolean.TRUE.equals(row.get("locked", Boolean.class)))
                .one()
                .flatMap(locked -> !locked ? Mono.just(false)
                        : db.sql("SELECT NOT EXISTS (SELECT 1 FROM attainment_pace_run WHERE run_date = :day) AS free")
                        .bind("day", day)
                        .map((row, meta) -> Boolean.TRUE.equals(row.get("free", Boolean.class)))
                        .one());
    }

    /** Records the day's finished run (same transaction as its alerts). */
    public Mono<Void> recordDailyRun(LocalDate day, int judged, int behind, int back) {
        return db.sql("INSERT INTO attainment_pace_run (run_date, judged, behind_pace, back_on_pace)"
                        + " VALUES (:day, :judged, :behind, :back)")
                .bind("day", day).bind("judged", judged).bind("behind", behind).bind("back", back)
                .fetch().rowsUpdated().then();
    }

    /** Whether the day has a finished run. */
    public Mono<Boolean> dailyRunDone(LocalDate day) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM attainment_pace_run WHERE run_date = :day) AS done")
                .bind("day", day)
                .map((row, meta) -> Boolean.TRUE.equals(row.get("done", Boolean.class)))
                .one();
    }
}
