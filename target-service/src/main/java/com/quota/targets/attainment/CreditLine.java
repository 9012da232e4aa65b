package com.quota.targets.attainment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;
import java.util.UUID;

/**
 * One line of the attainment ledger: what one source event credits one rep for one metric, on a date, with the
 * deal's dimensions. Unique per (source event, rep, metric). {@code currency} is null for NEW_CUSTOMERS (a count).
 */
public record CreditLine(UUID sourceEventId, SourceEventType sourceEventType, UUID repId, Metric metric,
                         LocalDate creditDate, BigDecimal amount, Currency currency, Dimensions dimensions,
                         UUID opportunityId, UUID contractId, UUID paymentId, UUID accountId) {

    public CreditLine {
        Objects.requireNonNull(sourceEventId, "sourceEventId");
        Objects.requireNonNull(sourceEventType, "sourceEventType");
        Objects.requireNonNull(repId, "repId");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(creditDate, "creditDate");
        Objects.requireNonNull(amount, "amount");
        dimensions = dimensions == null ? Dimensions.NONE : dimensions;
        if (metric.isCount() != (currency == null)) {
            throw new IllegalArgumentException(metric + " " + (metric.isCount() ? "is a count without" : "needs")
                    + " a currency");
        }
    }

    /** The rep this line credits, as a figure owner. */
    public Owner owner() {
        return Owner.rep(repId);
    }
}
