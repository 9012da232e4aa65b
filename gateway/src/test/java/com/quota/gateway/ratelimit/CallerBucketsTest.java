package com.quota.gateway.ratelimit;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CallerBucketsTest {

    @Test
    void callerMayBurstUpToCapacityThenMustWait() {
        CallerBuckets buckets = new CallerBuckets(new RateLimitProperties(true, 3, 1, Duration.ofMinutes(1), 100, RateLimitProperties.Store.LOCAL, null));
        assertThat(buckets.consume("sub:a").remaining()).isEqualTo(2);
        assertThat(buckets.consume("sub:a").allowed()).isTrue();
        assertThat(buckets.consume("sub:a").allowed()).isTrue();
        CallerLimiter.Decision refused = buckets.consume("sub:a");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void callersDoNotShareABucket() {
        CallerBuckets buckets = new CallerBuckets(new RateLimitProperties(true, 1, 1, Duration.ofMinutes(1), 100, RateLimitProperties.Store.LOCAL, null));
        assertThat(buckets.consume("sub:a").allowed()).isTrue();
        assertThat(buckets.consume("sub:a").allowed()).isFalse();
        assertThat(buckets.consume("ip:10.0.0.1").allowed()).isTrue();
    }

    @Test
    void storeNeverHoldsMoreThanTheBoundEvenWhenEveryCallerIsBusy() {
        CallerBuckets buckets = new CallerBuckets(new RateLimitProperties(true, 5, 1, Duration.ofHours(1), 3, RateLimitProperties.Store.LOCAL, null),
                new ManualClock(), Runnable::run);
        for (int i = 0; i < 1000; i++) {
            buckets.consume("ip:10.0." + (i / 250) + "." + (i % 250));
        }
        assertThat(buckets.trackedCallers()).isLessThanOrEqualTo(3);
    }

    @Test
    void bucketIdleForAFullRefillIsForgotten() {
        ManualClock clock = new ManualClock();
        // capacity 5, 2 tokens a second: full again after 3 s of silence
        CallerBuckets buckets = new CallerBuckets(new RateLimitProperties(true, 5, 2, Duration.ofSeconds(1), 100, RateLimitProperties.Store.LOCAL, null),
                clock, Runnable::run);
        buckets.consume("sub:a");
        buckets.consume("sub:b");
        clock.advance(Duration.ofSeconds(2));
        buckets.consume("sub:b");
        assertThat(buckets.trackedCallers()).isEqualTo(2);
        clock.advance(Duration.ofMillis(1500));
        assertThat(buckets.trackedCallers()).as("a idle 3.5 s is gone, b idle 1.5 s stays").isEqualTo(1);
    }

    @Test
    void bucketRefillsOverTime() {
        ManualClock clock = new ManualClock();
        CallerBuckets buckets = new CallerBuckets(new RateLimitProperties(true, 1, 1, Duration.ofSeconds(10), 10, RateLimitProperties.Store.LOCAL, null), clock,
                Runnable::run);
        assertThat(buckets.consume("sub:a").allowed()).isTrue();
        CallerLimiter.Decision refused = buckets.consume("sub:a");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(10));
        assertThat(buckets.consume("sub:a").allowed()).isTrue();
    }

    /** Time that moves only when the test says so. */
    static final class ManualClock implements TimeMeter {
        private long nanos;

        void advance(Duration duration) {
            nanos += duration.toNanos();
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    @Test
    void busyCallerIsRememberedWhileTheStoreHasRoom() {
        CallerBuckets buckets = new CallerBuckets(new RateLimitProperties(true, 2, 1, Duration.ofHours(1), 10, RateLimitProperties.Store.LOCAL, null));
        buckets.consume("sub:busy");
        buckets.consume("sub:busy");
        buckets.consume("sub:other");
        assertThat(buckets.consume("sub:busy").allowed()).isFalse();
    }
}
