package com.quota.resourceserver;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * {@code quota.security.*}: paths this app opens beyond the standard ones, and the clock skew allowed on
 * {@code exp}/{@code nbf}.
 */
@ConfigurationProperties("quota.security")
public record QuotaSecurityProperties(
        @DefaultValue List<String> openPaths,
        @DefaultValue("30s") Duration clockSkew) {
}
