package com.quota.performance.commission;

import com.quota.money.Money;
import com.quota.performance.rules.RuleViolation;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A rep's statement for a statement period under a plan: every line with its payout, the payout before and to date.
 * Issued statements are frozen: their lines are never edited; corrections are new lines on a later statement.
 */
public record CommissionStatement(UUID id, UUID repId, CommissionPlan plan, String planPeriodKey,
                                  String statementPeriodKey, StatementStatus status, LocalDate issuedDate, Money quota,
                                  Money creditedToDate, Money previousPayoutToDate, List<StatementLine> lines, long version) {

    public CommissionStatement {
        Objects.requireNonNull(repId, "repId");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(status, "status");
        lines = List.copyOf(lines);
    }

    /** The draft the ledger gives for a statement period ending {@code upTo}. */
    public static CommissionStatement draft(UUID id, UUID repId, CommissionLedger ledger, CommissionPlan plan,
                                            String planPeriodKey, String statementPeriodKey, LocalDate upTo) {
        List<StatementLine> lines = ledger.pendingLines(upTo);
        Money credited = ledger.issuedCumulative();
        for (StatementLine line : lines) {
            if (line.kind() == LineKind.CREDIT) {
                credited = credited.plus(line.credited());
            }
        }
        return new CommissionStatement(id, repId, plan, planPeriodKey, statementPeriodKey, StatementStatus.DRAFT, null,
                ledger.payoutFunction().quota(), credited, ledger.issuedPayout(), lines, 0);
    }

    /** The payout of this statement's lines. */
    public Money payout() {
        return lines.stream().map(StatementLine::payout).reduce(Money.zero(plan.currency()), Money::plus);
    }

    public Money payoutToDate() {
        return previousPayoutToDate.plus(payout());
    }

    /** Approves the draft: from now on its lines are paid and frozen. */
    public CommissionStatement issue(LocalDate on) {
        requireDraft("be issued again");
        return new CommissionStatement(id, repId, plan, planPeriodKey, statementPeriodKey, StatementStatus.ISSUED, on,
                quota, creditedToDate, previousPayoutToDate, lines, version + 1);
    }

    /** Refuses to touch the lines of an issued statement. */
    public CommissionStatement withLines(List<StatementLine> newLines) {
        requireDraft("have its lines edited");
        return new CommissionStatement(id, repId, plan, planPeriodKey, statementPeriodKey, status, issuedDate, quota,
                creditedToDate, previousPayoutToDate, newLines, version + 1);
    }

    public boolean isIssued() {
        return status == StatementStatus.ISSUED;
    }

    private void requireDraft(String action) {
        if (isIssued()) {
            throw RuleViolation.stateConflict("statement-issued",
                    "the statement " + statementPeriodKey + " is issued; its lines are paid and cannot " + action);
        }
    }
}
