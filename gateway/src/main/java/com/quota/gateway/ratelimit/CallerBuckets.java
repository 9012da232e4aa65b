package com.quota.gateway.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One token bucket per caller key, kept in memory; idle (full) buckets are dropped when too many are tracked. */
public final class CallerBuckets {

    /** Whether a request may pass, how many remain, and how long to wait when it may not. */
    public record Decision(boolean allowed, long remaining, Duration retryAfter) {
    }

    private final RateLimitProperties limits;
    private final TimeMeter clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public CallerBuckets(RateLimitProperties limits) {
        this(limits, TimeMeter.SYSTEM_MILLISECONDS);
    }

    CallerBuckets(RateLimitProperties limits, TimeMeter clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public Decision tryConsume(String callerKey) {
        if (buckets.size() >= limits.maxTrackedCallers() && !buckets.containsKey(callerKey)) {
            dropIdleBuckets();
        }
        ConsumptionProbe probe = buckets.computeIfAbsent(callerKey, key -> newBucket()).tryConsumeAndReturnRemaining(1);
        return new Decision(probe.isConsumed(), probe.getRemainingTokens(),
                Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    int trackedCallers() {
        return buckets.size();
    }

    /** A full bucket is indistinguishable from a new one, so forgetting it loses nothing. */
    private void dropIdleBuckets() {
        buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= limits.capacity());
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .withCustomTimePrecision(clock)
                .addLimit(limit -> limit.capacity(limits.capacity())
                        .refillGreedy(limits.refillTokens(), limits.refillPeriod()))
                .build();
    }
}
