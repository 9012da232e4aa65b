package com.quota.performance.integration.inbound;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** performance-service's own reading of AttainmentChanged (targets.attainment.v1): only the fields it uses. */
public record AttainmentChanged(Owner owner, String metric, UUID sourceEventId, String sourceEventType, UUID creditedRepId,
                                UUID opportunityId, UUID contractId, UUID paymentId, LocalDate creditDate, Measure delta,
                                List<Period> periods) {

    /** Whose figure it is. */
    public record Owner(String type, UUID id) {
    }

    /** Money ({@code currency} set) or a count ({@code currency} null), amount as a decimal string. */
    public record Measure(String amount, String currency) {
    }

    /** One period the credit date falls in, with the owner's new actual and the targets per level. */
    public record Period(String periodKey, String periodType, Measure actual, Map<String, Measure> targets) {
    }
}
