package com.quota.pipeline.opportunity.application;

import com.quota.pipeline.opportunity.Opportunity;

import java.time.LocalDate;

/** An opportunity as stored: the aggregate, its version and the review fields kept beside it. */
public record StoredOpportunity(Opportunity opportunity, long version, LocalDate createdOn, String winReason,
                                String lossReason, String competitor, int storedHistorySize) {
}
