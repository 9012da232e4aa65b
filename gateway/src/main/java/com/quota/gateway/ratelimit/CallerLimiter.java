package com.quota.gateway.ratelimit;

import reactor.core.publisher.Mono;

import java.time.Duration;

/** Takes one request from a caller's token bucket, wherever the buckets are kept. */
public interface CallerLimiter {

    /** Whether a request may pass, how many remain, and how long to wait when it may not. */
    record Decision(boolean allowed, long remaining, Duration retryAfter) {
    }

    Mono<Decision> tryConsume(String callerKey);
}
