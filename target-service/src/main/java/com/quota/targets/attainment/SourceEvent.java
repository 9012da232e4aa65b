package com.quota.targets.attainment;

import com.quota.money.Money;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** An event that moves attainment, as the ledger needs it (amounts already in the reporting currency). */
public sealed interface SourceEvent {

    UUID eventId();

    SourceEventType type();

    /** A won opportunity: BOOKINGS per owner by split, NEW_CUSTOMERS +1 to the primary on the account's first win. */
    record OpportunityWin(UUID eventId, UUID opportunityId, UUID accountId, List<OwnerShare> owners,
                          Money reportingAmount, LocalDate closeDate, Dimensions dimensions,
                          boolean firstWinOfAccount) implements SourceEvent {
        public SourceEventType type() {
            return SourceEventType.OPPORTUNITY_WON;
        }
    }

    /** A won opportunity reopened: its BOOKINGS (and NEW_CUSTOMERS) credit still standing is reversed. */
    record OpportunityReopening(UUID eventId, UUID opportunityId, UUID accountId, LocalDate reopenDate)
            implements SourceEvent {
        public SourceEventType type() {
            return SourceEventType.OPPORTUNITY_REOPENED;
        }
    }

    /** A signed contract: CONTRACT_VALUE per owner by split on the signing date. */
    record ContractSigning(UUID eventId, UUID contractId, UUID opportunityId, UUID accountId, List<OwnerShare> owners,
                           Money reportingValue, LocalDate signedDate, Dimensions dimensions) implements SourceEvent {
        public SourceEventType type() {
            return SourceEventType.CONTRACT_SIGNED;
        }
    }

    /** An amended contract: the value delta (may be negative) per owner by split on the effective date. */
    record ContractAmendment(UUID eventId, UUID contractId, UUID opportunityId, UUID accountId, List<OwnerShare> owners,
                             Money reportingValueDelta, LocalDate effectiveDate, Dimensions dimensions)
            implements SourceEvent {
        public SourceEventType type() {
            return SourceEventType.CONTRACT_AMENDED;
        }
    }

    /** A terminated contract: the net CONTRACT_VALUE still credited is reversed on the termination date. */
    record ContractTermination(UUID eventId, UUID contractId, UUID opportunityId, UUID accountId,
                               LocalDate terminationDate) implements SourceEvent {
        public SourceEventType type() {
            return SourceEventType.CONTRACT_TERMINATED;
        }
    }

    /** A payment received: COLLECTIONS per owner by split on the received date. */
    record PaymentReceipt(UUID eventId, UUID paymentId, UUID contractId, UUID opportunityId, UUID accountId,
                          List<OwnerShare> owners, Money reportingAmount, LocalDate receivedDate,
                          Dimensions dimensions) implements SourceEvent {
        public SourceEventType type() {
            return SourceEventType.PAYMENT_RECEIVED;
        }
    }
}
