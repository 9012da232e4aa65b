package com.quota.pipeline.forecast;

import com.quota.pipeline.opportunity.OpportunityStatus;
import com.quota.pipeline.pipeline.Stage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What the forecast needs of one deal as of a date.
 *
 * @param forecastDate    expected close date (placed when the deal has none) for open deals; the close date for won ones
 * @param reportingAmount the amount in the reporting currency (fixed for won deals, indicative for open ones)
 */
public record ForecastDeal(UUID opportunityId, String title, List<UUID> ownerRepIds, OpportunityStatus status, Stage stage,
                           LocalDate forecastDate, boolean datePlaced, BigDecimal reportingAmount) {
}
