package com.quota.targets.definition.persistence;

import io.r2dbc.postgresql.codec.Json;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The CSV import jobs in {@code target_import_job}: written outside the import's own transaction, so progress shows. */
@Repository
public class ImportJobStore {

    /** One job as stored; {@code errors} is the JSON array of bad rows (or null). */
    public record Job(UUID id, String status, String phase, int totalRows, int processedRows, Integer createdTargets,
                      String errors, String createdBy, Instant createdAt, Instant finishedAt) {
    }

    private final DatabaseClient db;

    public ImportJobStore(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> start(UUID id, int totalRows, String createdBy) {
        return db.sql("""
                        INSERT INTO target_import_job (id, status, phase, total_rows, created_by)
                        VALUES (:id, 'RUNNING', 'VALIDATING', :total, :by)""")
                .bind("id", id).bind("total", totalRows).bind("by", createdBy).fetch().rowsUpdated().then();
    }

    public Mono<Void> progress(UUID id, String phase, int processedRows) {
        return db.sql("UPDATE target_import_job SET phase = :phase, processed_rows = :n WHERE id = :id AND status = 'RUNNING'")
                .bind("id", id).bind("phase", phase).bind("n", processedRows).fetch().rowsUpdated().then();
    }

    public Mono<Void> succeeded(UUID id, int created) {
        return db.sql("""
                        UPDATE target_import_job SET status = 'SUCCEEDED', phase = 'DONE', processed_rows = total_rows,
                               created_targets = :created, finished_at = now() WHERE id = :id""")
                .bind("id", id).bind("created", created).fetch().rowsUpdated().then();
    }

    public Mono<Void> failed(UUID id, String errorsJson) {
        return db.sql("""
                        UPDATE target_import_job SET status = 'FAILED', phase = 'DONE', created_targets = 0, errors = :errors,
                               finished_at = now() WHERE id = :id""")
                .bind("id", id).bind("errors", Json.of(errorsJson)).fetch().rowsUpdated().then();
    }

    /** A running job's sign of life. */
    public Mono<Void> heartbeat(UUID id) {
        return db.sql("UPDATE target_import_job SET heartbeat_at = now() WHERE id = :id AND status = 'RUNNING'")
                .bind("id", id).fetch().rowsUpdated().then();
    }

    /**
     * Jobs whose instance stopped (no heartbeat for {@code lease}) never finish: they are failed with the reason given
     * (nothing of them was committed); emits their ids. One atomic statement, so several instances may run it at once.
     */
    public Flux<UUID> failInterrupted(java.time.Duration lease, String errorsJson) {
        return db.sql("""
                        UPDATE target_import_job SET status = 'FAILED', phase = 'DONE', created_targets = 0, errors = :errors,
                               finished_at = now()
                        WHERE status = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => :leaseSeconds)
                        RETURNING id""")
                .bind("errors", Json.of(errorsJson))
                .bind("leaseSeconds", (double) lease.toMillis() / 1000)
                .map(row -> row.get("id", UUID.class))
                .all();
    }

    public Mono<Job> find(UUID id) {
        return db.sql("SELECT *, errors::text AS errors_text FROM target_import_job WHERE id = :id").bind("id", id)
                .map(row -> new Job(row.get("id", UUID.class), row.get("status", String.class), row.get("phase", String.class),
                        row.get("total_rows", Integer.class), row.get("processed_rows", Integer.class),
                        row.get("created_targets", Integer.class), row.get("errors_text", String.class),
                        row.get("created_by", String.class), row.get("created_at", OffsetDateTime.class).toInstant(),
                        row.get("finished_at", OffsetDateTime.class) == null ? null
                                : row.get("finished_at", OffsetDateTime.class).toInstant()))
                .one();
    }
}
