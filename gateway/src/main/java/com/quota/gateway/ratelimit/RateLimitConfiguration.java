package com.quota.gateway.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The caller buckets the rate limit uses: this instance's own, or shared with the other instances. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    CallerLimiter callerLimiter(RateLimitProperties limits, MeterRegistry meters) {
        return switch (limits.store()) {
            case LOCAL -> new CallerBuckets(limits);
            case POSTGRESQL -> new SharedCallerBuckets(limits, meters);
        };
    }
}
