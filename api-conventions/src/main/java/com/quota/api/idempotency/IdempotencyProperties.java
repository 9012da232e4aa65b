package com.quota.api.idempotency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code quota.api.idempotency.*}: how long a key is kept (at least 24 h: a client may retry a day later), how often
 * old keys are purged, and whether this instance purges at all.
 *
 * @param retention     how long a key (and the answer stored with it) is kept; at least 24h
 * @param purgeInterval how often this instance deletes expired keys
 * @param purgeEnabled  whether this instance purges (safe on every instance at once)
 */
@ConfigurationProperties("quota.api.idempotency")
public record IdempotencyProperties(
        @DefaultValue("48h") Duration retention,
        @DefaultValue("1h") Duration purgeInterval,
        @DefaultValue("true") boolean purgeEnabled) {

    /** The shortest retention allowed. */
    public static final Duration MINIMUM_RETENTION = Duration.ofHours(24);

    public IdempotencyProperties {
        if (retention.compareTo(MINIMUM_RETENTION) < 0) {
            throw new IllegalArgumentException("quota.api.idempotency.retention must be at least 24h, was " + retention);
        }
        if (purgeInterval.isZero() || purgeInterval.isNegative()) {
            throw new IllegalArgumentException("quota.api.idempotency.purge-interval must be positive");
        }
    }
}
