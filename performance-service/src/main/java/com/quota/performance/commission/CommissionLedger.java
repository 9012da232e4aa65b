package com.quota.performance.commission;

import com.quota.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A rep's commission under one plan for one plan period: the lines already issued (frozen: a paid line is never
 * edited) and the credits and terminations not yet on a statement. Pending lines are derived, never stored:
 * credits in order of credit date then event id, each paying f(cumulative after) − f(cumulative before) from where the
 * issued lines left off; then one clawback line per terminated deal within the plan's window, reversing what that
 * deal's lines paid. So issued + pending CREDIT and ADJUSTMENT lines always sum to f(period total), however the
 * statements were cut and whatever order the events arrived in.
 */
public final class CommissionLedger {

    private static final Comparator<Credit> LEDGER_ORDER = Comparator.comparing(Credit::creditDate)
            .thenComparing(c -> c.eventId().toString()); // the string order of UUIDs is their unsigned order

    private final CommissionPlan plan;
    private final PayoutFunction payoutFunction;
    private final List<StatementLine> issuedLines;
    private final List<Credit> credits;
    private final List<ContractTermination> terminations;

    /**
     * @param quota        the quota of the plan period in force now (null when none)
     * @param issuedLines  the lines of issued statements, in statement order
     * @param credits      every credit of the plan's metric for the rep in the plan period, issued or not
     * @param terminations every termination of a contract the rep owned, issued or not
     */
    public CommissionLedger(CommissionPlan plan, Money quota, List<StatementLine> issuedLines, List<Credit> credits,
                            List<ContractTermination> terminations) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.payoutFunction = new PayoutFunction(plan, quota);
        this.issuedLines = List.copyOf(issuedLines);
        this.credits = List.copyOf(credits);
        this.terminations = List.copyOf(terminations);
    }

    public PayoutFunction payoutFunction() {
        return payoutFunction;
    }

    public List<StatementLine> issuedLines() {
        return issuedLines;
    }

    /** The lines the next statement up to {@code upTo} (inclusive) would carry. */
    public List<StatementLine> pendingLines(LocalDate upTo) {
        Set<UUID> settled = new HashSet<>();
        issuedLines.forEach(l -> settled.add(l.ledgerEventId()));
        Money cumulative = issuedCumulative();
        List<StatementLine> lines = new ArrayList<>();

        // a quota changed after lines were issued: true up so the lines still sum to f(cumulative)
        Money owed = payoutFunction.payout(cumulative).minus(issuedFormulaPayout());
        if (!issuedLines.isEmpty() && !owed.isZero()) {
            lines.add(new StatementLine(LineKind.ADJUSTMENT, null, null, null, null, null, upTo, zero(), cumulative,
                    cumulative, payoutFunction.tierAt(cumulative), payoutFunction.rateAt(cumulative), owed));
        }

        List<Credit> pending = credits.stream()
                .filter(c -> !c.isTerminationReversal())
                .filter(c -> !settled.contains(c.eventId()))
                .filter(c -> !c.creditDate().isAfter(upTo))
                .sorted(LEDGER_ORDER)
                .toList();
        for (Credit credit : pending) {
            Money after = cumulative.plus(credit.amount());
            Money payout = payoutFunction.payout(after).minus(payoutFunction.payout(cumulative));
            lines.add(new StatementLine(LineKind.CREDIT, credit.eventId(), credit.sourceEventId(), credit.sourceEventType(),
                    credit.opportunityId(), credit.contractId(), credit.creditDate(), credit.amount(), cumulative, after,
                    payoutFunction.tierAt(after), payoutFunction.rateAt(after), payout));
            cumulative = after;
        }

        terminations.stream()
                .filter(t -> !settled.contains(t.eventId()))
                .filter(t -> !t.terminationDate().isAfter(upTo))
                .filter(t -> t.isWithinDaysOfSigning(plan.clawbackWindowDays()))
                .sorted(Comparator.comparing(ContractTermination::terminationDate).thenComparing(t -> t.eventId().toString()))
                .forEach(t -> clawback(t, lines).ifPresent(lines::add));
        // shown by date (a stable sort: the adjustment first, a credit before a clawback of the same day)
        List<StatementLine> shown = new ArrayList<>(lines);
        shown.sort(Comparator.comparing((StatementLine l) -> l.kind() != LineKind.ADJUSTMENT)
                .thenComparing(StatementLine::creditDate));
        return List.copyOf(shown);
    }

    /** Total credit on issued lines (clawbacks do not lower the cumulative: the credit itself stays, e.g. BOOKINGS). */
    public Money issuedCumulative() {
        return issuedLines.stream().filter(l -> l.kind() == LineKind.CREDIT).map(StatementLine::credited)
                .reduce(zero(), Money::plus);
    }

    /** What issued lines paid, everything included. */
    public Money issuedPayout() {
        return issuedLines.stream().map(StatementLine::payout).reduce(zero(), Money::plus);
    }

    private Money issuedFormulaPayout() {
        return issuedLines.stream().filter(l -> l.kind() != LineKind.CLAWBACK).map(StatementLine::payout)
                .reduce(zero(), Money::plus);
    }

    /** Reverses what the deal's lines paid (net of earlier clawbacks) at the rate they were paid. */
    private Optional<StatementLine> clawback(ContractTermination termination, List<StatementLine> pendingSoFar) {
        List<StatementLine> all = new ArrayList<>(issuedLines);
        all.addAll(pendingSoFar);
        List<StatementLine> dealLines = all.stream()
                .filter(l -> l.kind() != LineKind.ADJUSTMENT)
                .filter(l -> l.concerns(termination.opportunityId(), termination.contractId()))
                .toList();
        Money credited = dealLines.stream().map(StatementLine::credited).reduce(zero(), Money::plus);
        Money paid = dealLines.stream().map(StatementLine::payout).reduce(zero(), Money::plus);
        if (credited.isZero() && paid.isZero()) {
            return Optional.empty();
        }
        StatementLine lastCredit = dealLines.stream().filter(l -> l.kind() == LineKind.CREDIT)
                .reduce((a, b) -> b).orElse(null);
        BigDecimal rate = credited.isZero() ? null
                : paid.amount().multiply(BigDecimal.valueOf(100))
                .divide(credited.amount(), PayoutFunction.RATE_SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return Optional.of(new StatementLine(LineKind.CLAWBACK, termination.eventId(), termination.eventId(),
                "ContractTerminated", termination.opportunityId(), termination.contractId(), termination.terminationDate(),
                credited.negate(), null, null, lastCredit == null ? null : lastCredit.tier(), rate, paid.negate()));
    }

    private Money zero() {
        return Money.zero(plan.currency());
    }
}
