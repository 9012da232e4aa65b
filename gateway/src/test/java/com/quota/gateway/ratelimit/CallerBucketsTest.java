package com.quota.gateway.ratelimit;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CallerBucketsTest {

    @Test
    void callerMayBurstUpToCapacityThenMustWait() {
        CallerBuckets buckets = new CallerBuckets(new RateLimitProperties(true, 3, 1, Duration.ofMinutes(1), 100));
        assertThat(buckets.tryConsume("sub:a").remaining()).isEqualTo(2);
        assertThat(buckets.tryConsume("sub:a").allowed()).isTrue();
        assertThat(buckets.tryConsume("sub:a").allowed()).isTrue();
        CallerBuckets.Decision refused = buckets.tryConsume("sub:a");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void callersDoNotShareABucket() {
        CallerBuckets buckets = new CallerBuckets(new RateLimitProperties(true, 1, 1, Duration.ofMinutes(1), 100));
        assertThat(buckets.tryConsume("sub:a").allowed()).isTrue();
        assertThat(buckets.tryConsume("sub:a").allowed()).isFalse();
        assertThat(buckets.tryConsume("ip:10.0.0.1").allowed()).isTrue();
    }

    @Test
    void storeNeverHoldsMoreThanTheBoundEvenWhenEveryCallerIsBusy() {
        CallerBuckets buckets = new CallerBuckets(new RateLimitProperties(true, 5, 1, Duration.ofHours(1), 3),
                new ManualClock(), Runnable::run);
        for (int i = 0; i < 1000; i++) {
            buckets.tryConsume("ip:10.0." + (i / 250) + "." + (i % 250));
        }
        assertThat(buckets.trackedCallers()).isLessThanOrEqualTo(3);
    }

    @Test
    void bucketIdleForAFullRefillIsForgotten() {
        ManualClock clock = new ManualClock();
        // capacity 5, 2 tokens a second: full again after 3 s of silence
        CallerBuckets buckets = new CallerBuckets(new RateLimitProperties(true, 5, 2, Duration.ofSeconds(1), 100),
                clock, Runnable::run);
        buckets.tryConsume("sub:a");
        buckets.tryConsume("sub:b");
        clock.advance(Duration.ofSeconds(2));
        buckets.tryConsume("sub:b");
        assertThat(buckets.trackedCallers()).isEqualTo(2);
        clock.advance(Duration.ofMillis(1500));
        assertThat(buckets.trackedCallers()).as("a idle 3.5 s is gone, b idle 1.5 s stays").isEqualTo(1);
    }

    @Test
    void bucketRefillsOverTime() {
        ManualClock clock = new ManualClock();
        CallerBuckets buckets = new CallerBuckets(new RateLimitProperties(true, 1, 1, Duration.ofSeconds(10), 10), clock,
                Runnable::run);
        assertThat(buckets.tryConsume("sub:a").allowed()).isTrue();
        CallerBuckets.Decision refused = buckets.tryConsume("sub:a");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(10));
        assertThat(buckets.tryConsume("sub:a").allowed()).isTrue();
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
        CallerBuckets buckets = new CallerBuckets(new RateLimitProperties(true, 2, 1, Duration.ofHours(1), 10));
        buckets.tryConsume("sub:busy");
        buckets.tryConsume("sub:busy");
        buckets.tryConsume("sub:other");
        assertThat(buckets.tryConsume("sub:busy").allowed()).isFalse();
    }
}
