package com.quota.targets.attainment;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * When an owner is behind pace: pace % below {@code thresholdPercent} once at least {@code minimumElapsedPercent}
 * of the period has passed (defaults 80 and 25).
 */
public record PaceAlertSettings(BigDecimal thresholdPercent, BigDecimal minimumElapsedPercent) {

    public static final PaceAlertSettings DEFAULTS = new PaceAlertSettings(new BigDecimal("80"), new BigDecimal("25"));

    public PaceAlertSettings {
        Objects.requireNonNull(thresholdPercent, "thresholdPercent");
        Objects.requireNonNull(minimumElapsedPercent, "minimumElapsedPercent");
        if (thresholdPercent.signum() <= 0) {
            throw new IllegalArgumentException("thresholdPercent must be positive");
        }
        if (minimumElapsedPercent.signum() < 0 || minimumElapsedPercent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("minimumElapsedPercent must be 0..100");
        }
    }
}
