package com.quota.performance.kpi;

import com.quota.money.Percentages;

import java.math.BigDecimal;

/**
 * What the contracts of a rep (or a team) signed in a period give the collection rate: the owners' share of what is
 * collected to date and of the value (in force, for a terminated contract), in the reporting currency.
 */
public record CollectionFigures(BigDecimal collected, BigDecimal value) {

    /** No contracts. */
    public static final CollectionFigures NONE = new CollectionFigures(BigDecimal.ZERO, BigDecimal.ZERO);

    /** collected ÷ value × 100, HALF_EVEN 2 decimals; null without contract value. */
    public BigDecimal collectionRatePercent() {
        return Percentages.percent(collected, value);
    }
}
