package com.quota.gateway.ratelimit;

import com.quota.testsupport.postgres.TestDatabase;
import com.quota.testsupport.postgres.TestPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two gateway instances sharing their callers' buckets in one real PostgreSQL database. */
class SharedCallerBucketsIT {

    @Test
    void twoInstancesShareOneLimitPerCaller() {
        TestDatabase db = TestPostgres.newDatabase("rate_limit");
        RateLimitProperties limits = shared(db, 5, 1, Duration.ofHours(1));
        try (SharedCallerBuckets first = new SharedCallerBuckets(limits, new SimpleMeterRegistry());
             SharedCallerBuckets second = new SharedCallerBuckets(limits, new SimpleMeterRegistry())) {
            String caller = "sub:" + UUID.randomUUID();
            for (int i = 0; i < 3; i++) {
                assertThat(first.tryConsume(caller).block().allowed()).isTrue();
            }
            assertThat(second.tryConsume(caller).block().remaining()).as("the other instance sees the same bucket").isEqualTo(1);
            assertThat(second.tryConsume(caller).block().allowed()).isTrue();

            CallerLimiter.Decision refused = first.tryConsume(caller).block();
            assertThat(refused.allowed()).as("5 requests over both instances use up the limit").isFalse();
            assertThat(refused.retryAfter()).isPositive();
            assertThat(second.tryConsume(caller).block().allowed()).isFalse();
            assertThat(first.tryConsume("sub:someone-else").block().allowed()).as("callers are apart").isTrue();
        }
    }

    @Test
    void bucketsUntouchedForAFullRefillAreRemovedSoTheTableStaysBounded() throws Exception {
        TestDatabase db = TestPostgres.newDatabase("rate_limit");
        RateLimitProperties limits = shared(db, 2, 2, Duration.ofMillis(300));
        try (SharedCallerBuckets buckets = new SharedCallerBuckets(limits, new SimpleMeterRegistry(), false)) {
            for (int i = 0; i < 20; i++) {
                assertThat(buckets.tryConsume("ip:10.0.0." + i).block().allowed()).isTrue();
            }
            assertThat(rows(db)).isEqualTo(20);
            // each row expires 300 ms after its last take (a full refill); the clean-up removes only expired rows
            await().atMost(Duration.ofSeconds(30)).until(() -> buckets.removeExpired() >= 0 && rows(db) == 0);
            assertThat(buckets.tryConsume("ip:10.0.0.1").block().remaining()).as("a returning caller starts full").isEqualTo(1);
        }
    }

    @Test
    void aStoreThatDoesNotAnswerLetsRequestsPassAndCountsIt() {
        RateLimitProperties limits = new RateLimitProperties(true, 1, 1, Duration.ofHours(1), 100,
                RateLimitProperties.Store.POSTGRESQL,
                new RateLimitProperties.Shared("jdbc:postgresql://localhost:1/nowhere", "x", "x", "gateway_rate_limit_bucket", 1,
                        Duration.ofMillis(300)));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (SharedCallerBuckets buckets = new SharedCallerBuckets(limits, meters)) {
            assertThat(buckets.tryConsume("sub:a").block().allowed()).isTrue();
            assertThat(buckets.tryConsume("sub:a").block().allowed()).as("not limited while the store is down").isTrue();
            assertThat(meters.counter("quota.gateway.rate-limit.store.errors").count()).isEqualTo(2);
        }
    }

    private static RateLimitProperties shared(TestDatabase db, long capacity, long refill, Duration period) {
        return new RateLimitProperties(true, capacity, refill, period, 100, RateLimitProperties.Store.POSTGRESQL,
                new RateLimitProperties.Shared(db.jdbcUrl(), db.user(), db.password(), "gateway_rate_limit_bucket", 2,
                        Duration.ofSeconds(5)));
    }

    private static long rows(TestDatabase db) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM gateway_rate_limit_bucket")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
