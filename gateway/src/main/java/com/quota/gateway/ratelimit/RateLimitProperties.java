package com.quota.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code quota.gateway.rate-limit.*}: a token bucket per caller holding {@code capacity} requests, refilled
 * with {@code refill-tokens} every {@code refill-period}. Limits are per gateway instance.
 */
@ConfigurationProperties("quota.gateway.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("200") long capacity,
        @DefaultValue("100") long refillTokens,
        @DefaultValue("1s") Duration refillPeriod,
        @DefaultValue("100000") int maxTrackedCallers) {
}
