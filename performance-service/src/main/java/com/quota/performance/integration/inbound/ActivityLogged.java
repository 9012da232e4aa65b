package com.quota.performance.integration.inbound;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * performance-service's own reading of OpportunityActivityLogged: the activity, its day, the owners by split and the
 * reporting-currency cost fixed when it was logged (null when it had no cost).
 */
public record ActivityLogged(UUID activityId, UUID opportunityId, LocalDate occurredOn, OpportunityChanged.Amount reportingCost,
                             List<OpportunityChanged.Owner> owners) {
}
