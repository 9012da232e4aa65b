package com.quota.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code quota.gateway.rate-limit.*}: a token bucket per caller holding {@code capacity} requests, refilled
 * with {@code refill-tokens} every {@code refill-period}. With {@code store: local} (the default) each gateway
 * instance keeps its own buckets; with {@code store: postgresql} the instances share them in one table, so a
 * caller gets the same limit however many instances run.
 */
@ConfigurationProperties("quota.gateway.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("200") long capacity,
        @DefaultValue("100") long refillTokens,
        @DefaultValue("1s") Duration refillPeriod,
        @DefaultValue("100000") int maxTrackedCallers,
        @DefaultValue("local") Store store,
        @DefaultValue Shared shared) {

    /** Where the buckets live. */
    public enum Store { LOCAL, POSTGRESQL }

    /**
     * The shared store ({@code quota.gateway.rate-limit.shared.*}): a PostgreSQL database every gateway instance
     * reaches, the table the buckets are kept in (created when missing), the connections each instance holds,
     * and how long a request waits for the store before it passes unlimited (the front door stays open when the
     * store is down).
     */
    public record Shared(String url, String username, String password,
                         @DefaultValue("gateway_rate_limit_bucket") String table,
                         @DefaultValue("4") int poolSize,
                         @DefaultValue("250ms") Duration timeout) {
    }
}
