package com.quota.gateway.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code quota.gateway.resilience.*}: a circuit breaker and time limiter per route ({@code timeout} for API
 * calls, {@code export-timeout} for paths ending in {@code /export} or {@code .csv}), and how often an idempotent
 * GET is retried after a connection failure (POST, PUT, PATCH and DELETE never are). {@code max-concurrent-calls}
 * bounds the calls in flight to one service (its bulkhead): Resilience4j's default of 25 refused requests with 503
 * at 8 requests/s to a service merely slowed by a loaded machine (chaos finding F5).
 */
@ConfigurationProperties("quota.gateway.resilience")
public record ResilienceProperties(
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("10m") Duration exportTimeout,
        @DefaultValue("50") float failureRateThreshold,
        @DefaultValue("20") int slidingWindowSize,
        @DefaultValue("10") int minimumNumberOfCalls,
        @DefaultValue("10s") Duration waitInOpenState,
        @DefaultValue("2") int getRetries,
        @DefaultValue("500") int maxConcurrentCalls) {
}
