package com.quota.targets.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * CSV import settings: a file with more data rows than {@code jobThresholdRows} (or any file sent with
 * {@code Prefer: respond-async}) runs as a job answered 202.
 */
@ConfigurationProperties("quota.targets.import")
public record TargetImportProperties(@DefaultValue("1000") int jobThresholdRows) {
}
