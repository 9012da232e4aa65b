package com.quota.targets.attainment;

import com.quota.money.LargestRemainder;
import com.quota.money.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The ledger rules of DOMAIN.md "Attainment": which credit lines a source event writes. Splits use the largest
 * remainder with ties to the larger share, then the primary owner, then owner order; reversals negate exactly the
 * net still credited (so a reversal of a split is the negation of the original parts). Lines of zero are not written.
 */
public final class CreditRules {

    private CreditRules() {
    }

    /**
     * The lines {@code event} writes.
     *
     * @param creditedSoFar for a reopening: the net BOOKINGS and NEW_CUSTOMERS still credited from the opportunity;
     *                      for a termination: the net CONTRACT_VALUE still credited from the contract; ignored otherwise
     * @throws InvalidCreditException for owners that are empty, duplicated, without exactly one primary or not summing to 100
     */
    public static List<CreditLine> linesFor(SourceEvent event, List<NetCredit> creditedSoFar) {
        if (event instanceof SourceEvent.OpportunityWin win) {
            List<CreditLine> lines = new ArrayList<>(split(win, Metric.BOOKINGS, win.owners(), win.reportingAmount(),
                    win.closeDate(), win.dimensions(), win.opportunityId(), null, null, win.accountId()));
            if (win.firstWinOfAccount()) {
                lines.add(new CreditLine(win.eventId(), win.type(), primary(win.owners()).repId(), Metric.NEW_CUSTOMERS,
                        win.closeDate(), BigDecimal.ONE, null, win.dimensions(), win.opportunityId(), null, null,
                        win.accountId()));
            }
            return List.copyOf(lines);
        }
        if (event instanceof SourceEvent.OpportunityReopening reopen) {
            return reverse(reopen, creditedSoFar, Set.of(Metric.BOOKINGS, Metric.NEW_CUSTOMERS), reopen.reopenDate(),
                    reopen.opportunityId(), null, reopen.accountId());
        }
        if (event instanceof SourceEvent.ContractSigning signed) {
            return split(signed, Metric.CONTRACT_VALUE, signed.owners(), signed.reportingValue(), signed.signedDate(),
                    signed.dimensions(), signed.opportunityId(), signed.contractId(), null, signed.accountId());
        }
        if (event instanceof SourceEvent.ContractAmendment amended) {
            return split(amended, Metric.CONTRACT_VALUE, amended.owners(), amended.reportingValueDelta(),
                    amended.effectiveDate(), amended.dimensions(), amended.opportunityId(), amended.contractId(), null,
                    amended.accountId());
        }
        if (event instanceof SourceEvent.ContractTermination terminated) {
            return reverse(terminated, creditedSoFar, Set.of(Metric.CONTRACT_VALUE), terminated.terminationDate(),
                    terminated.opportunityId(), terminated.contractId(), terminated.accountId());
        }
        SourceEvent.PaymentReceipt payment = (SourceEvent.PaymentReceipt) event;
        return split(payment, Metric.COLLECTIONS, payment.owners(), payment.reportingAmount(), payment.receivedDate(),
                payment.dimensions(), payment.opportunityId(), payment.contractId(), payment.paymentId(),
                payment.accountId());
    }

    /** The parts of {@code amount} per owner, in owner order, summing exactly to it. */
    public static List<Money> splitByShares(Money amount, List<OwnerShare> owners) {
        requireValidOwners(owners);
        int primary = owners.indexOf(primary(owners));
        try {
            return LargestRemainder.splitByShares(amount, owners.stream().map(OwnerShare::splitPercent).toList(), primary);
        } catch (IllegalArgumentException e) {
            throw new InvalidCreditException("cannot split " + amount + " over the owners: " + e.getMessage(), e);
        }
    }

    private static List<CreditLine> split(SourceEvent event, Metric metric, List<OwnerShare> owners, Money amount,
                                          LocalDate date, Dimensions dimensions, UUID opportunityId, UUID contractId,
                                          UUID paymentId, UUID accountId) {
        if (amount == null || date == null) {
            throw new InvalidCreditException(event.type().wireName() + " " + event.eventId() + " has no amount or date");
        }
        List<Money> parts = splitByShares(amount, owners);
        List<CreditLine> lines = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            if (!parts.get(i).isZero()) {
                lines.add(new CreditLine(event.eventId(), event.type(), owners.get(i).repId(), metric, date,
                        parts.get(i).amount(), parts.get(i).currency(), dimensions, opportunityId, contractId, paymentId,
                        accountId));
            }
        }
        return List.copyOf(lines);
    }

    private static List<CreditLine> reverse(SourceEvent event, List<NetCredit> creditedSoFar, Set<Metric> metrics,
                                            LocalDate date, UUID opportunityId, UUID contractId, UUID accountId) {
        if (date == null) {
            throw new InvalidCreditException(event.type().wireName() + " " + event.eventId() + " has no date");
        }
        // one line per (event, rep, metric): a rep credited under two dimension sets keeps them apart only in
        // the per-dimension counters, so reversals with several dimension sets for one rep and metric are refused
        Set<String> seen = new HashSet<>();
        List<CreditLine> lines = new ArrayList<>();
        for (NetCredit credit : creditedSoFar) {
            if (!metrics.contains(credit.metric()) || credit.amount().signum() == 0) {
                continue;
            }
            if (!seen.add(credit.repId() + "/" + credit.metric())) {
                throw new InvalidCreditException("rep " + credit.repId() + " holds " + credit.metric()
                        + " credit under several dimension sets; cannot reverse it in one line");
            }
            lines.add(new CreditLine(event.eventId(), event.type(), credit.repId(), credit.metric(), date,
                    credit.amount().negate(), credit.currency(), credit.dimensions(), opportunityId, contractId, null,
                    accountId));
        }
        return List.copyOf(lines);
    }

    private static OwnerShare primary(List<OwnerShare> owners) {
        return owners.stream().filter(OwnerShare::primary).findFirst()
                .orElseThrow(() -> new InvalidCreditException("no primary owner"));
    }

    private static void requireValidOwners(List<OwnerShare> owners) {
        if (owners == null || owners.isEmpty()) {
            throw new InvalidCreditException("no owners to credit");
        }
        if (owners.stream().filter(OwnerShare::primary).count() != 1) {
            throw new InvalidCreditException("exactly one owner must be primary");
        }
        if (owners.stream().map(OwnerShare::repId).distinct().count() != owners.size()) {
            throw new InvalidCreditException("an owner is listed twice");
        }
    }
}
