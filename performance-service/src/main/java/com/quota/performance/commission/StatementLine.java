package com.quota.performance.commission;

import com.quota.money.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * One explainable line of a statement: the source event, the credited amount, the cumulative credit before and after
 * (CREDIT lines), the tier and rate, and the payout. Anyone can recompute the payout by hand.
 *
 * @param ledgerEventId the event the line settles: the AttainmentChanged id (CREDIT), the ContractTerminated id
 *                      (CLAWBACK), null (ADJUSTMENT)
 */
public record StatementLine(LineKind kind, UUID ledgerEventId, UUID sourceEventId, String sourceEventType,
                            UUID opportunityId, UUID contractId, LocalDate creditDate, Money credited,
                            Money cumulativeBefore, Money cumulativeAfter, Tier tier, BigDecimal ratePercent, Money payout) {

    public StatementLine {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(credited, "credited");
        Objects.requireNonNull(payout, "payout");
    }

    /** Whether this line settles the deal of an opportunity or contract. */
    public boolean concerns(UUID opportunity, UUID contract) {
        return (opportunity != null && opportunity.equals(opportunityId)) || (contract != null && contract.equals(contractId));
    }
}
