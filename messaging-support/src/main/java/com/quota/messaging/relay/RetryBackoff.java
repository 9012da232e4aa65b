package com.quota.messaging.relay;

import java.time.Duration;

/**
 * Exponential back-off with a cap: attempt 1 waits {@code initial}, each further attempt {@code multiplier} times
 * longer, never more than {@code max}.
 */
public record RetryBackoff(Duration initial, double multiplier, Duration max) {

    public RetryBackoff {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial back-off must be positive");
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("multiplier must be at least 1");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max back-off must not be shorter than the initial one");
        }
    }

    /** How long to wait after the given number of failed attempts (1 = the first failure). */
    public Duration delayAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            return Duration.ZERO;
        }
        double millis = initial.toMillis() * Math.pow(multiplier, failedAttempts - 1);
        // also guards against overflow to infinity after many attempts
        if (Double.isInfinite(millis) || millis >= max.toMillis()) {
            return max;
        }
        return Duration.ofMillis(Math.round(millis));
    }
}
