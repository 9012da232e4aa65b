package com.quota.pipeline.forecast;

import com.quota.pipeline.pipeline.ForecastCategory;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Deals of one kind summed where they are stored (the database): same forecast date, closed or open, same category.
 *
 * @param amount         the sum of their reporting amounts, each at the minor unit
 * @param weightedAmount the sum of their weighted amounts, each rounded HALF_EVEN to the minor unit before summing
 */
public record ForecastGroup(LocalDate forecastDate, boolean closed, ForecastCategory category, int deals,
                            BigDecimal amount, BigDecimal weightedAmount) {
}
