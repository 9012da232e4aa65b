package com.quota.gateway.ratelimit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Token buckets shared by every gateway instance, one row per caller in a PostgreSQL table (bucket4j's
 * select-for-update store): a caller's limit holds however many instances serve it. A row untouched for as long
 * as a full refill takes expires and is removed in batches in the background, so the table stays bounded.
 * The JDBC call runs off the event loop. When the store does not answer within its timeout the request passes
 * (counted in {@code quota.gateway.rate-limit.store.errors}): a rate limiter must never close the front door.
 */
public final class SharedCallerBuckets implements CallerLimiter, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedCallerBuckets.class);
    private static final Pattern TABLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final RateLimitProperties limits;
    private final HikariDataSource dataSource;
    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final Supplier<BucketConfiguration> configuration;
    private final Counter storeErrors;
    private final Disposable cleanup;
    private volatile boolean tableReady;

    public SharedCallerBuckets(RateLimitProperties limits, MeterRegistry meters) {
        this(limits, meters, true);
    }

    /** For tests: without the background clean-up, which they run themselves. */
    SharedCallerBuckets(RateLimitProperties limits, MeterRegistry meters, boolean cleanUpInBackground) {
        RateLimitProperties.Shared shared = limits.shared();
        if (shared == null || shared.url() == null || shared.url().isBlank()) {
            throw new IllegalStateException("quota.gateway.rate-limit.store=postgresql needs quota.gateway.rate-limit.shared.url");
        }
        if (!TABLE_NAME.matcher(shared.table()).matches()) {
            throw new IllegalStateException("quota.gateway.rate-limit.shared.table must be a plain lower-case name, not '" + shared.table() + "'");
        }
        this.limits = limits;
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("gateway-rate-limit");
        pool.setJdbcUrl(shared.url());
        pool.setUsername(shared.username());
        pool.setPassword(shared.password());
        pool.setMaximumPoolSize(shared.poolSize());
        pool.setConnectionTimeout(Math.max(250, shared.timeout().toMillis()));
        // the gateway starts even when the store is down; requests pass until it answers
        pool.setInitializationFailTimeout(-1);
        this.dataSource = new HikariDataSource(pool);
        // if the store is down now, the background clean-up creates the table once it answers
        createTableIfMissing(shared.table());
        Duration untouched = CallerBuckets.timeToRefillCompletely(limits);
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(shared.table())
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(untouched))
                .build();
        BucketConfiguration config = BucketConfiguration.builder().addLimit(CallerBuckets.limitOf(limits)).build();
        this.configuration = () -> config;
        this.storeErrors = meters.counter("quota.gateway.rate-limit.store.errors");
        this.cleanup = cleanUpInBackground
                ? Schedulers.boundedElastic().schedulePeriodically(this::removeExpired, untouched.toMillis(), untouched.toMillis(),
                        java.util.concurrent.TimeUnit.MILLISECONDS)
                : () -> { };
    }

    @Override
    public Mono<Decision> tryConsume(String callerKey) {
        return Mono.fromCallable(() -> {
                    ConsumptionProbe probe = buckets.builder().build(callerKey, configuration).tryConsumeAndReturnRemaining(1);
                    return new Decision(probe.isConsumed(), probe.getRemainingTokens(),
                            Duration.ofNanos(probe.getNanosToWaitForRefill()));
                })
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(limits.shared().timeout())
                .onErrorResume(error -> {
                    storeErrors.increment();
                    log.warn("Rate-limit store did not answer for {}; the request passes: {}", callerKey, error.toString());
                    return Mono.just(new Decision(true, -1, Duration.ZERO));
                });
    }

    /** Removes expired rows in batches; rows are re-created with a full bucket when their caller comes back. */
    int removeExpired() {
        int removed = 0;
        if (!tableReady) {
            createTableIfMissing(limits.shared().table());
        }
        try {
            int batch;
            do {
                batch = buckets.removeExpired(1000);
                removed += batch;
            } while (batch == 1000);
        } catch (RuntimeException e) {
            log.warn("Could not remove expired rate-limit buckets: {}", e.toString());
        }
        return removed;
    }

    private void createTableIfMissing(String table) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + table
                    + " (id VARCHAR(512) PRIMARY KEY, state BYTEA, expires_at BIGINT)");
            statement.execute("CREATE INDEX IF NOT EXISTS " + table + "_expires_at ON " + table + " (expires_at)");
            tableReady = true;
        } catch (SQLException e) {
            log.warn("Could not create the rate-limit table {} now (is the store down?); requests pass until it answers: {}",
                    table, e.toString());
        }
    }

    @Override
    public void close() {
        cleanup.dispose();
        dataSource.close();
    }
}
