package com.quota.gateway.edge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * {@code quota.gateway.cors.*}: which browser front ends may call the API. No allowed origin (the default)
 * means no CORS headers at all, so browsers on other origins are refused.
 */
@ConfigurationProperties("quota.gateway.cors")
public record CorsProperties(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue({"GET", "POST", "PUT", "PATCH", "DELETE"}) List<String> allowedMethods,
        @DefaultValue({"Authorization", "Content-Type", "If-Match", "Idempotency-Key", "X-Request-Id", "traceparent"})
        List<String> allowedHeaders,
        @DefaultValue({"ETag", "Location", "Retry-After", "X-Request-Id", "X-RateLimit-Remaining"})
        List<String> exposedHeaders,
        @DefaultValue("false") boolean allowCredentials,
        @DefaultValue("30m") Duration maxAge) {
}
