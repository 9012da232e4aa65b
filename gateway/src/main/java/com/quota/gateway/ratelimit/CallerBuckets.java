package com.quota.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * One token bucket per caller key in a bounded Caffeine cache: at most {@code max-tracked-callers} buckets, and
 * a bucket untouched for as long as a full refill takes is dropped (it would be full again, so nothing is
 * lost). Eviction is Caffeine's amortised O(1) work, never a scan of all callers on the request thread.
 */
public final class CallerBuckets implements CallerLimiter {

    private final RateLimitProperties limits;
    private final TimeMeter clock;
    private final Cache<String, Bucket> buckets;

    public CallerBuckets(RateLimitProperties limits) {
        this(limits, TimeMeter.SYSTEM_NANOTIME, null);
    }

    /** For tests: a clock that moves when told, and maintenance run on the calling thread. */
    CallerBuckets(RateLimitProperties limits, TimeMeter clock, Executor maintenance) {
        this.limits = limits;
        this.clock = clock;
        Caffeine<Object, Object> builder = Caffeine.newBuilder()
                .maximumSize(limits.maxTrackedCallers())
                .expireAfterAccess(timeToRefillCompletely(limits))
                .ticker(clock::currentTimeNanos);
        if (maintenance != null) {
            builder.executor(maintenance);
        }
        this.buckets = builder.build();
    }

    @Override
    public Mono<Decision> tryConsume(String callerKey) {
        return Mono.just(consume(callerKey));
    }

    Decision consume(String callerKey) {
        ConsumptionProbe probe = buckets.get(callerKey, key -> newBucket()).tryConsumeAndReturnRemaining(1);
        return new Decision(probe.isConsumed(), probe.getRemainingTokens(),
                Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    long trackedCallers() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    static Duration timeToRefillCompletely(RateLimitProperties limits) {
        long periods = (limits.capacity() + limits.refillTokens() - 1) / limits.refillTokens();
        return limits.refillPeriod().multipliedBy(Math.max(1, periods));
    }

    private Bucket newBucket() {
        return Bucket.builder().withCustomTimePrecision(clock).addLimit(limitOf(limits)).build();
    }

    /** The one limit every caller's bucket has, local or shared. */
    static Bandwidth limitOf(RateLimitProperties limits) {
        return Bandwidth.builder().capacity(limits.capacity())
                .refillGreedy(limits.refillTokens(), limits.refillPeriod()).build();
    }
}
