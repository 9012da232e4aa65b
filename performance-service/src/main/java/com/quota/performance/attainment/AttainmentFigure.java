package com.quota.performance.attainment;

import java.math.BigDecimal;
import java.util.UUID;

/** An owner's latest actual and TARGET level for a metric and period, as the last AttainmentChanged gave them. */
public record AttainmentFigure(String ownerType, UUID ownerId, String metric, String periodKey, BigDecimal actual,
                               String currency, BigDecimal target) {

    /** actual ÷ target × 100, HALF_EVEN to 2 decimals; null when there is no target or it is 0. */
    public BigDecimal attainmentPercent() {
        return target == null ? null : com.quota.money.Percentages.percent(actual, target);
    }
}
