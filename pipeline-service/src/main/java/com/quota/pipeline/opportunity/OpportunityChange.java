package com.quota.pipeline.opportunity;

import com.quota.pipeline.pipeline.Stage;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What happened to an opportunity in one command; the service turns the interesting ones into integration events. */
public sealed interface OpportunityChange {

    /** A new opportunity in its first stage. */
    record Created() implements OpportunityChange {
    }

    /** Title, amount, close date or dimensions changed. */
    record Updated() implements OpportunityChange {
    }

    /** Advanced or moved back between open stages. */
    record StageChanged(Stage from, Stage to, boolean advanced, long daysInFromStage) implements OpportunityChange {
    }

    /** Won on {@code closeDate}; the reporting amount is fixed with {@code fx}. */
    record Won(Stage previousStage, LocalDate closeDate, String reason, FxQuote fx, BigDecimal reportingAmount)
            implements OpportunityChange {
    }

    /** Lost on {@code closeDate} with its review. */
    record Lost(Stage previousStage, LocalDate closeDate, String reason, String competitor) implements OpportunityChange {
    }

    /** A won or lost deal back in an open stage. */
    record Reopened(OpportunityStatus previousStatus, LocalDate previousCloseDate, LocalDate reopenDate, String reason,
                    FxQuote fixedFx, BigDecimal fixedReportingAmount) implements OpportunityChange {
    }

    /** Owners replaced (TRANSFER) or co-owners/splits changed (SPLIT_CHANGE). */
    record Transferred(TransferKind kind, Owners previousOwners, Owners owners, String reason, LocalDate effectiveDate)
            implements OpportunityChange {
    }

    /** A status change with no integration event of its own (suspend, reactivate, terminate, archive). */
    record StatusChanged(OpportunityAction action, OpportunityStatus from, OpportunityStatus to, String reason)
            implements OpportunityChange {
    }

    /** Whether owners were replaced or only shares changed. */
    enum TransferKind { TRANSFER, SPLIT_CHANGE }
}
