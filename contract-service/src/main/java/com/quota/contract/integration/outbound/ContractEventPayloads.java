package com.quota.contract.integration.outbound;

import com.quota.contract.lifecycle.Actor;
import com.quota.contract.lifecycle.Contract;
import com.quota.contract.lifecycle.ContractEvent;
import com.quota.contract.lifecycle.ContractVersion;
import com.quota.contract.lifecycle.Dimensions;
import com.quota.contract.lifecycle.OwnerShare;
import com.quota.eventcontracts.EventType;
import com.quota.messaging.outbox.OutboxMessage;
import com.quota.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Turns a contract's domain events into the v1 payloads of event-contracts ({@code contracts.contract.v1}, key =
 * contract id). Every payload carries the opportunity id and the owners with splits.
 */
public final class ContractEventPayloads {

    private ContractEventPayloads() {
    }

    /** JSON money: the amount as a decimal string. */
    public record MoneyJson(String amount, String currency) {
        static MoneyJson of(Money money) {
            return new MoneyJson(money.amountText(), money.currency().getCurrencyCode());
        }
    }

    /** One owner and the share of the credit. */
    public record OwnerJson(String repId, String splitPercent, boolean primary) {
        static List<OwnerJson> of(List<OwnerShare> owners) {
            return owners.stream().map(o -> new OwnerJson(o.repId().toString(), o.splitPercent().stripTrailingZeros().toPlainString(), o.primary())).toList();
        }
    }

    /** Who caused a change. */
    public record ActorJson(String subject, String repId) {
        static ActorJson of(Actor actor) {
            return new ActorJson(actor.subject(), actor.repId() == null ? null : actor.repId().toString());
        }
    }

    public record ContractSigned(String contractId, String contractNumber, int version, String opportunityId, String accountId,
                                 String title, List<OwnerJson> owners, MoneyJson value, MoneyJson reportingValue, String fxRate,
                                 String signedDate, String startDate, String endDate, Dimensions dimensions, String externalRef,
                                 ActorJson signedBy) {
    }

    public record ContractAmended(String contractId, String contractNumber, int version, int previousVersion, String opportunityId,
                                  String accountId, List<OwnerJson> owners, String effectiveDate, String signedDate, MoneyJson value,
                                  MoneyJson reportingValue, MoneyJson previousValue, MoneyJson previousReportingValue,
                                  MoneyJson valueDelta, MoneyJson reportingValueDelta, String fxRate, String startDate, String endDate,
                                  String reason, Dimensions dimensions, ActorJson amendedBy) {
    }

    public record ContractTerminated(String contractId, String contractNumber, int version, String opportunityId, String accountId,
                                     List<OwnerJson> owners, String previousStatus, String terminationDate, String signedDate,
                                     String reason, MoneyJson valueInForce, MoneyJson reportingValueInForce, String fxRate,
                                     MoneyJson collectedToDate, MoneyJson reportingCollectedToDate, Dimensions dimensions,
                                     ActorJson terminatedBy) {
    }

    public record ContractCompleted(String contractId, String contractNumber, int version, String opportunityId, String accountId,
                                    List<OwnerJson> owners, String completedDate, MoneyJson value, MoneyJson reportingValue,
                                    String fxRate, MoneyJson collectedToDate, MoneyJson reportingCollectedToDate,
                                    String collectionRatePercent, Dimensions dimensions) {
    }

    public record PaymentReceived(String paymentId, String contractId, String contractNumber, String opportunityId, String accountId,
                                  List<OwnerJson> owners, String milestoneId, String receivedDate, MoneyJson amount,
                                  MoneyJson reportingAmount, String fxRate, MoneyJson collectedToDate,
                                  MoneyJson reportingCollectedToDate, String collectionRatePercent, Dimensions dimensions,
                                  String externalRef, ActorJson recordedBy) {
    }

    /** The outbox message of one domain event of {@code c} (its state after the change). */
    public static OutboxMessage toMessage(Contract c, ContractEvent event, Instant at) {
        String id = c.id().toString();
        String opportunity = c.opportunityId() == null ? null : c.opportunityId().toString();
        String account = c.accountId().toString();
        List<OwnerJson> owners = OwnerJson.of(c.owners());
        String fx = c.fxRate().stripTrailingZeros().toPlainString();
        ContractVersion current = c.currentVersion();
        if (event instanceof ContractEvent.Signed signed) {
            return OutboxMessage.of(EventType.CONTRACT_SIGNED, id).occurredAt(at).payload(
                    new ContractSigned(id, c.number(), current.version(), opportunity, account, c.title(), owners,
                            MoneyJson.of(c.value()), MoneyJson.of(c.reportingValue()), fx, text(c.signedDate()),
                            text(current.startDate()), text(current.endDate()), c.dimensions(), c.externalRef(),
                            ActorJson.of(signed.by()))).build();
        }
        if (event instanceof ContractEvent.Amended amended) {
                Money previousReporting = c.toReporting(amended.previous().value());
                Money reporting = c.toReporting(amended.current().value());
                return OutboxMessage.of(EventType.CONTRACT_AMENDED, id).occurredAt(at).payload(
                        new ContractAmended(id, c.number(), amended.current().version(), amended.previous().version(), opportunity,
                                account, owners, text(amended.current().effectiveDate()), text(c.signedDate()),
                                MoneyJson.of(amended.current().value()), MoneyJson.of(reporting),
                                MoneyJson.of(amended.previous().value()), MoneyJson.of(previousReporting),
                                MoneyJson.of(amended.current().value().minus(amended.previous().value())),
                                MoneyJson.of(reporting.minus(previousReporting)), fx, text(amended.current().startDate()),
                                text(amended.current().endDate()), amended.current().reason(), c.dimensions(),
                                ActorJson.of(amended.by()))).build();
        }
        if (event instanceof ContractEvent.Terminated terminated) {
            return OutboxMessage.of(EventType.CONTRACT_TERMINATED, id).occurredAt(at).payload(
                    new ContractTerminated(id, c.number(), current.version(), opportunity, account, owners,
                            terminated.previousStatus().name(), text(c.terminationDate()), text(c.signedDate()), c.terminationReason(),
                            MoneyJson.of(c.value()), MoneyJson.of(c.reportingValue()), fx, MoneyJson.of(c.collected()),
                            MoneyJson.of(c.toReporting(c.collected())), c.dimensions(), ActorJson.of(terminated.by()))).build();
        }
        if (event instanceof ContractEvent.Completed) {
            return OutboxMessage.of(EventType.CONTRACT_COMPLETED, id).occurredAt(at).payload(
                    new ContractCompleted(id, c.number(), current.version(), opportunity, account, owners, text(c.completedDate()),
                            MoneyJson.of(c.value()), MoneyJson.of(c.reportingValue()), fx, MoneyJson.of(c.collected()),
                            MoneyJson.of(c.toReporting(c.collected())), percent(c.collectionRate()), c.dimensions())).build();
        }
        ContractEvent.PaymentReceived received = (ContractEvent.PaymentReceived) event;
        {
                var p = received.payment();
                // collected-to-date as of this payment: the payments recorded up to and including it
                Money collected = Money.zero(c.value().currency());
                for (var payment : c.payments()) {
                    collected = collected.plus(payment.amount());
                    if (payment.id().equals(p.id())) {
                        break;
                    }
                }
                return OutboxMessage.of(EventType.PAYMENT_RECEIVED, id).occurredAt(at).payload(
                        new PaymentReceived(p.id().toString(), id, c.number(), opportunity, account, owners,
                                p.milestoneId() == null ? null : p.milestoneId().toString(), text(p.receivedDate()),
                                MoneyJson.of(p.amount()), MoneyJson.of(c.toReporting(p.amount())), fx, MoneyJson.of(collected),
                                MoneyJson.of(c.toReporting(collected)),
                                percent(com.quota.money.Percentages.percent(collected.amount(), c.value().amount())),
                                c.dimensions(), p.externalRef(), new ActorJson(p.recordedBy(),
                                p.recordedByRepId() == null ? null : p.recordedByRepId().toString()))).build();
        }
    }

    private static String text(Object date) {
        return date == null ? null : date.toString();
    }

    private static String percent(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
