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

    /** The stored settings and their version. */
    public record StoredSettings(PaceAlertSettings settings, long version) {
    }

    public Mono<StoredSettings> settings() {
        return db.sql("SELECT threshold_percent, minimum_elapsed_percent, version FROM attainment_alert_settings WHERE id = 1")
                .map((row, meta) -> new StoredSettings(new PaceAlertSettings(row.get("threshold_percent", BigDecimal.class),
                        row.get("minimum_elapsed_percent", BigDecimal.class)), row.get("version", Long.class)))
                .one();
    }

    /** Replaces the settings if they are still at {@code expectedVersion}; emits the rows changed (0 or 1). */
    public Mono<Long> updateSettings(PaceAlertSettings settings, long expectedVersion, String updatedBy) {
        return db.sql("UPDATE attainment_alert_settings SET threshold_percent = :threshold,"
                        + " minimum_elapsed_percent = :elapsed, version = version + 1, updated_by = :by, updated_at = now()"
                        + " WHERE id = 1 AND version = :expected")
                .bind("threshold", settings.thresholdPercent())
                .bind("elapsed", settings.minimumElapsedPercent())
                .bind("by", updatedBy)
                .bind("expected", expectedVersion)
                .fetch().rowsUpdated();
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
