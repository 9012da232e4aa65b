package com.quota.performance.commission.application;

import com.quota.api.problem.ApiProblem;
import com.quota.calendar.DateRange;
import com.quota.calendar.FiscalCalendar;
import com.quota.calendar.PeriodKey;
import com.quota.calendar.PeriodType;
import com.quota.eventcontracts.EventType;
import com.quota.messaging.outbox.OutboxMessage;
import com.quota.messaging.outbox.OutboxWriter;
import com.quota.money.Money;
import com.quota.api.ids.Ids;
import com.quota.performance.attainment.persistence.AttainmentReadModel;
import com.quota.performance.commission.CommissionLedger;
import com.quota.performance.commission.CommissionPlan;
import com.quota.performance.commission.CommissionStatement;
import com.quota.performance.commission.Credit;
import com.quota.performance.commission.LineKind;
import com.quota.performance.commission.PayoutFunction;
import com.quota.performance.commission.PlanPeriod;
import com.quota.performance.commission.StatementLine;
import com.quota.performance.commission.Tier;
import com.quota.performance.commission.persistence.PlanRows;
import com.quota.performance.commission.persistence.StatementRows;
import com.quota.performance.commission.persistence.StatementRows.StatementHeader;
import com.quota.performance.commission.persistence.StatementRows.StoredLine;
import com.quota.performance.integration.outbound.CommissionStatementIssued;
import com.quota.performance.rules.RuleViolation;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Statements: the live draft of a rep's next statement (derived from the ledger on every read, so it follows every
 * event), its approval (the lines freeze, CommissionStatementIssued goes to the outbox in the same transaction), and
 * the estimator (the same one rule applied to a hypothetical credit; nothing written).
 */
@Service
public class CommissionStatements {

    /** A rep's ledger for the plan paying them at a date. */
    public record LedgerContext(CommissionPlan plan, PeriodKey planPeriodKey, DateRange planRange, CommissionLedger ledger) {
    }

    /** What an extra credit would pay under the one rule. */
    public record Estimate(CommissionPlan plan, String planPeriodKey, Money quota, Money cumulativeBefore, Money cumulativeAfter,
                           Money payout, Tier tier, BigDecimal ratePercent) {
    }

    private final PlanRows plans;
    private final StatementRows statements;
    private final AttainmentReadModel readModel;
    private final FiscalCalendar calendar;
    private final OutboxWriter outbox;

    public CommissionStatements(PlanRows plans, StatementRows statements, AttainmentReadModel readModel,
                                FiscalCalendar calendar, OutboxWriter outbox) {
        this.plans = plans;
        this.statements = statements;
        this.readModel = readModel;
        this.calendar = calendar;
        this.outbox = outbox;
    }

    /** The ledger of the rep's plan in force on {@code on}: issued lines, credits and terminations of the plan period. */
    public Mono<LedgerContext> ledger(UUID repId, LocalDate on) {
        return plans.planOf(repId, on)
                .switchIfEmpty(Mono.error(() -> ApiProblem.unprocessable("no-plan-assigned",
                        "no commission plan is assigned to rep " + repId + " on " + on)))
                .flatMap(stored -> {
                    CommissionPlan plan = stored.plan();
                    PeriodKey planPeriod = plan.period() == PlanPeriod.QUARTER ? calendar.quarterOf(on) : calendar.yearOf(on);
                    DateRange range = calendar.range(planPeriod);
                    LocalDate from = range.first().isBefore(plan.effectiveFrom()) ? plan.effectiveFrom() : range.first();
                    LocalDate to = plan.effectiveTo() != null && plan.effectiveTo().isBefore(range.last()) ? plan.effectiveTo() : range.last();
                    Mono<List<StatementLine>> issued = statements.issuedLines(repId, plan.id(), planPeriod.toString(), plan.currency()).collectList();
                    Mono<List<Credit>> credits = readModel.credits(repId, plan.metric().name(), from, to, plan.currency()).collectList();
                    var terminations = readModel.terminations(repId, range.first(), range.last()).collectList();
                    // the quota a plan period pays on is pinned by its first issued statement, so paid lines stay true
                    Mono<BigDecimal> quota = statements.pinnedQuota(repId, plan.id(), planPeriod.toString())
                            .switchIfEmpty(readModel.figure(repId, plan.metric().name(), planPeriod.toString())
                                    .flatMap(figure -> Mono.justOrEmpty(figure.target())));
                    return Mono.zip(issued, credits, terminations, quota.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()))
                            .map(t -> new LedgerContext(plan, planPeriod, range, new CommissionLedger(plan,
                                    t.getT4().map(q -> Money.of(q, plan.currency())).orElse(null), t.getT1(), t.getT2(), t.getT3())));
                });
    }

    /** The draft statement of a rep for a statement period (a month, quarter or year key). */
    public Mono<CommissionStatement> draft(UUID repId, PeriodKey statementPeriod) {
        LocalDate upTo = calendar.range(statementPeriod).last();
        return ledger(repId, upTo).map(context -> CommissionStatement.draft(null, repId, context.ledger(), context.plan(),
                context.planPeriodKey().toString(), statementPeriod.toString(), upTo));
    }

    /**
     * Approves the draft: stores the statement and its lines, frozen, and writes CommissionStatementIssued to the outbox,
     * in the caller's transaction. A statement period is issued once per rep and plan (409 after).
     */
    public Mono<StatementRows.StoredStatement> issue(UUID repId, PeriodKey statementPeriod, LocalDate today, String approvedBy) {
        if (statementPeriod.type() == PeriodType.WEEK) {
            return Mono.error(ApiProblem.invalidField("periodKey", "a statement covers a month, quarter or year"));
        }
        return draft(repId, statementPeriod).flatMap(draft -> statements.exists(repId, draft.plan().id(), statementPeriod.toString())
                .flatMap(exists -> {
                    if (exists) {
                        return Mono.error(RuleViolation.stateConflict("statement-issued", "the statement of rep " + repId
                                + " for " + statementPeriod + " is already issued; its lines are paid and never edited"));
                    }
                    CommissionStatement issued = draft.issue(today);
                    UUID id = Ids.newId();
                    List<StoredLine> lines = issued.lines().stream().map(line -> new StoredLine(Ids.newId(), line)).toList();
                    StatementHeader header = new StatementHeader(id, repId, issued.plan().id(), issued.planPeriodKey(),
                            issued.statementPeriodKey(), issued.status().name(), today, issued.plan().currency(),
                            issued.quota() == null ? null : issued.quota().amount(), issued.creditedToDate().amount(),
                            issued.payout().amount(), issued.previousPayoutToDate().amount(), issued.payoutToDate().amount(),
                            approvedBy);
                    CommissionStatementIssued event = CommissionStatementIssued.of(header, issued.plan(), lines);
                    return statements.insert(header, lines)
                            .then(outbox.append(OutboxMessage.of(EventType.COMMISSION_STATEMENT_ISSUED, id).payload(event).build()))
                            .thenReturn(new StatementRows.StoredStatement(header, lines));
                }));
    }

    /** What crediting {@code amount} on {@code on} would pay the rep now: f(c + amount) − f(c). Writes nothing. */
    public Mono<Estimate> estimate(UUID repId, Money amount, LocalDate on) {
        return ledger(repId, on).map(context -> {
            CommissionLedger ledger = context.ledger();
            Money cumulative = ledger.issuedCumulative();
            for (StatementLine line : ledger.pendingLines(context.planRange().last())) {
                if (line.kind() == LineKind.CREDIT) {
                    cumulative = cumulative.plus(line.credited());
                }
            }
            if (!amount.currency().equals(context.plan().currency())) {
                throw ApiProblem.invalidField("currency", "the plan pays in " + context.plan().currency().getCurrencyCode());
            }
            PayoutFunction f = ledger.payoutFunction();
            Money after = cumulative.plus(amount);
            return new Estimate(context.plan(), context.planPeriodKey().toString(), f.quota(), cumulative, after,
                    f.payout(after).minus(f.payout(cumulative)), f.tierAt(after), f.rateAt(after));
        });
    }
}
