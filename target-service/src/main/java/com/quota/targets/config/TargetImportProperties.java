package com.quota.targets.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * CSV import settings: a file with more data rows than {@code jobThresholdRows} (or any file sent with
 * {@code Prefer: respond-async}) runs as a job answered 202. A running job beats every {@code jobHeartbeat}; one that has
 * not beaten for {@code jobLease} (its instance stopped) is marked FAILED by any instance, at start and every minute.
 * A CSV file (targets or historical actuals) may have up to {@code maxFileSize} bytes (a target per rep for 10,000 reps is
 * about 1 MB); every other request body keeps the service's default limit (256 KB).
 */
@ConfigurationProperties("quota.targets.import")
public record TargetImportProperties(@DefaultValue("1000") int jobThresholdRows,
                                     @DefaultValue("PT10S") java.time.Duration jobHeartbeat,
                                     @DefaultValue("PT1M") java.time.Duration jobLease,
                                     @DefaultValue("16MB") org.springframework.util.unit.DataSize maxFileSize) {
}
