package com.quota.pipeline.forecast;

import com.quota.pipeline.pipeline.ForecastCategory;

import java.math.BigDecimal;

/**
 * One deal's contribution: closed (won) or open in a category, with its probability in percent and its weighted
 * amount rounded HALF_EVEN to the minor unit — totals are sums of these, so they always add up.
 */
public record ForecastLine(ForecastDeal deal, boolean closed, ForecastCategory category, BigDecimal probability,
                           BigDecimal weightedAmount) {
}
