package com.quota.api.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Deletes idempotency keys older than the retention, on a schedule. A plain DELETE by age in small batches: any number
 * of instances may run it at once (each batch skips rows another instance is deleting; a row is deleted once, whoever
 * gets it), so there is nothing to elect or lock.
 */
public final class IdempotencyKeyPurge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyPurge.class);

    // batches keep each transaction short; SKIP LOCKED lets instances purging at once take disjoint rows
    private static final String DELETE_BATCH = """
            DELETE FROM idempotency_key WHERE ctid IN (
                SELECT ctid FROM idempotency_key WHERE created_at < :cutoff LIMIT :batch FOR UPDATE SKIP LOCKED)""";
    static final int BATCH = 1000;

    private final DatabaseClient db;
    private final Clock clock;
    private final IdempotencyProperties properties;
    private volatile Disposable schedule;

    public IdempotencyKeyPurge(DatabaseClient db, Clock clock, IdempotencyProperties properties) {
        this.db = db;
        this.clock = clock;
        this.properties = properties;
    }

    /** Deletes every key older than the retention; answers how many. */
    public Mono<Long> purgeExpired() {
        OffsetDateTime cutoff = OffsetDateTime.ofInstant(clock.instant().minus(properties.retention()), ZoneOffset.UTC);
        return deleteBatch(cutoff)
                .expand(deleted -> deleted > 0 ? deleteBatch(cutoff) : Mono.empty())
                .reduce(0L, Long::sum);
    }

    private Mono<Long> deleteBatch(OffsetDateTime cutoff) {
        return db.sql(DELETE_BATCH).bind("cutoff", cutoff).bind("batch", BATCH).fetch().rowsUpdated();
    }

    @Override
    public void start() {
        Duration interval = properties.purgeInterval();
        schedule = Flux.interval(interval, interval)
                .onBackpressureDrop()
                .concatMap(tick -> purgeExpired()
                        .doOnNext(deleted -> {
                            if (deleted > 0) {
                                log.info("Purged {} idempotency key(s) older than {}", deleted, properties.retention());
                            }
                        })
                        // a failed purge (database down) is retried at the next tick
                        .onErrorResume(e -> {
                            log.warn("Idempotency key purge failed: {}", e.toString());
                            return Mono.empty();
                        }))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = schedule;
        if (running != null) {
            running.dispose();
        }
        schedule = null;
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }
}
