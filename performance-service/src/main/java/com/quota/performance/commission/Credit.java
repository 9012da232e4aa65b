package com.quota.performance.commission;

import com.quota.money.Money;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * A rep's credit for a plan's metric as AttainmentChanged gives it: the rep's own share of a deal (splits are already
 * applied by attainment; never recomputed here), positive or negative, with its source event and date.
 *
 * @param eventId the AttainmentChanged event id (unique per owner × metric × source event)
 */
public record Credit(UUID eventId, UUID sourceEventId, String sourceEventType, LocalDate creditDate, Money amount,
                     UUID opportunityId, UUID contractId) {

    public Credit {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(sourceEventId, "sourceEventId");
        Objects.requireNonNull(sourceEventType, "sourceEventType");
        Objects.requireNonNull(creditDate, "creditDate");
        Objects.requireNonNull(amount, "amount");
    }

    /** A termination's reversal is settled by a clawback line at the rate originally paid, not through the tiers. */
    public boolean isTerminationReversal() {
        return "ContractTerminated".equals(sourceEventType);
    }

    /** Whether this credit comes from the same deal (opportunity or contract). */
    public boolean concerns(UUID opportunity, UUID contract) {
        return (opportunity != null && opportunity.equals(opportunityId)) || (contract != null && contract.equals(contractId));
    }
}
