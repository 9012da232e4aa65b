package com.quota.targets.attainment.integration.inbound;

import com.quota.messaging.consumer.InboundEvent;
import com.quota.messaging.consumer.InvalidEventException;
import com.quota.money.Money;
import com.quota.targets.attainment.Dimensions;
import com.quota.targets.attainment.OwnerShare;
import com.quota.targets.attainment.SourceEvent;
import com.quota.targets.attainment.integration.inbound.SourcePayloads.ContractAmendedView;
import com.quota.targets.attainment.integration.inbound.SourcePayloads.ContractSignedView;
import com.quota.targets.attainment.integration.inbound.SourcePayloads.ContractTerminatedView;
import com.quota.targets.attainment.integration.inbound.SourcePayloads.DimensionsView;
import com.quota.targets.attainment.integration.inbound.SourcePayloads.MoneyView;
import com.quota.targets.attainment.integration.inbound.SourcePayloads.OpportunityReopenedView;
import com.quota.targets.attainment.integration.inbound.SourcePayloads.OpportunityWonView;
import com.quota.targets.attainment.integration.inbound.SourcePayloads.OwnerView;
import com.quota.targets.attainment.integration.inbound.SourcePayloads.PaymentReceivedView;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads an opportunity or contract event into the ledger's {@link SourceEvent} (amounts in the reporting currency). */
final class SourceEventReader {

    private SourceEventReader() {
    }

    /**
     * The source event, or empty for an event that credits nothing (a reopened loss).
     *
     * @throws InvalidEventException when the payload lacks what crediting needs
     */
    static Optional<SourceEvent> read(InboundEvent event) {
        try {
            return Optional.ofNullable(readPayload(event));
        } catch (IllegalArgumentException | NullPointerException | java.time.DateTimeException e) {
            throw new InvalidEventException(event + " cannot be credited: " + e.getMessage(), e);
        }
    }

    private static SourceEvent readPayload(InboundEvent event) {
        switch (event.eventType()) {
            case "OpportunityWon": {
                OpportunityWonView won = event.payloadAs(OpportunityWonView.class);
                return new SourceEvent.OpportunityWin(event.eventId(), uuid(won.opportunityId(), "opportunityId"),
                        uuidOrNull(won.accountId()), owners(won.owners()), money(won.reportingAmount(), "reportingAmount"),
                        date(won.closeDate(), "closeDate"), dimensions(won.dimensions()),
                        Boolean.TRUE.equals(won.firstWinOfAccount()));
            }
            case "OpportunityReopened": {
                OpportunityReopenedView reopened = event.payloadAs(OpportunityReopenedView.class);
                if (!"WON".equals(reopened.previousStatus())) {
                    // a reopened loss was never credited
                    return null;
                }
                return new SourceEvent.OpportunityReopening(event.eventId(), uuid(reopened.opportunityId(), "opportunityId"),
                        uuidOrNull(reopened.accountId()), date(reopened.reopenDate(), "reopenDate"));
            }
            case "ContractSigned": {
                ContractSignedView signed = event.payloadAs(ContractSignedView.class);
                return new SourceEvent.ContractSigning(event.eventId(), uuid(signed.contractId(), "contractId"),
                        uuidOrNull(signed.opportunityId()), uuidOrNull(signed.accountId()), owners(signed.owners()),
                        money(signed.reportingValue(), "reportingValue"), date(signed.signedDate(), "signedDate"),
                        dimensions(signed.dimensions()));
            }
            case "ContractAmended": {
                ContractAmendedView amended = event.payloadAs(ContractAmendedView.class);
                return new SourceEvent.ContractAmendment(event.eventId(), uuid(amended.contractId(), "contractId"),
                        uuidOrNull(amended.opportunityId()), uuidOrNull(amended.accountId()), owners(amended.owners()),
                        money(amended.reportingValueDelta(), "reportingValueDelta"),
                        date(amended.effectiveDate(), "effectiveDate"), dimensions(amended.dimensions()));
            }
            case "ContractTerminated": {
                ContractTerminatedView terminated = event.payloadAs(ContractTerminatedView.class);
                return new SourceEvent.ContractTermination(event.eventId(), uuid(terminated.contractId(), "contractId"),
                        uuidOrNull(terminated.opportunityId()), uuidOrNull(terminated.accountId()),
                        date(terminated.terminationDate(), "terminationDate"));
            }
            case "PaymentReceived": {
                PaymentReceivedView payment = event.payloadAs(PaymentReceivedView.class);
                return new SourceEvent.PaymentReceipt(event.eventId(), uuid(payment.paymentId(), "paymentId"),
                        uuidOrNull(payment.contractId()), uuidOrNull(payment.opportunityId()), uuidOrNull(payment.accountId()),
                        owners(payment.owners()), money(payment.reportingAmount(), "reportingAmount"),
                        date(payment.receivedDate(), "receivedDate"), dimensions(payment.dimensions()));
            }
            default:
                throw new IllegalArgumentException("not an attainment source event: " + event.eventType());
        }
    }

    private static List<OwnerShare> owners(List<OwnerView> owners) {
        if (owners == null || owners.isEmpty()) {
            throw new IllegalArgumentException("no owners");
        }
        return owners.stream().map(o -> new OwnerShare(uuid(o.repId(), "owners[].repId"),
                new BigDecimal(require(o.splitPercent(), "owners[].splitPercent")), Boolean.TRUE.equals(o.primary())))
                .toList();
    }

    private static Money money(MoneyView money, String field) {
        if (money == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return Money.of(require(money.amount(), field + ".amount"), require(money.currency(), field + ".currency"));
    }

    private static Dimensions dimensions(DimensionsView d) {
        return d == null ? Dimensions.NONE : new Dimensions(d.productLine(), d.region(), d.channel(), d.customerSegment());
    }

    private static LocalDate date(String text, String field) {
        return LocalDate.parse(require(text, field));
    }

    private static UUID uuid(String text, String field) {
        return UUID.fromString(require(text, field));
    }

    private static UUID uuidOrNull(String text) {
        return text == null ? null : UUID.fromString(text);
    }

    private static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }
}
