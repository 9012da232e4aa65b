package com.quota.performance.commission;

import com.quota.money.Money;
import com.quota.performance.rules.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.quota.performance.commission.Plans.cny;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommissionLedgerTest {

    private static final UUID REP = UUID.fromString("d6d5dd85-406c-5ba8-b90d-b91398daa268");
    private final CommissionPlan plan = Plans.tiered(PlanMode.STEP, null);

    private static Credit credit(String eventId, String date, String amount, UUID opportunity) {
        return new Credit(UUID.fromString(eventId), UUID.randomUUID(), "OpportunityWon", LocalDate.parse(date), cny(amount),
                opportunity, null);
    }

    private static LocalDate date(String text) {
        return LocalDate.parse(text);
    }

    @Test
    void stepLinesOfTheDomainExamplePayTheMarginalTiers() {
        PayoutFunction f = new PayoutFunction(plan, cny("1000000"));
        List<Credit> credits = List.of(
                credit("00000000-0000-7000-8000-000000000002", "2026-03-01", "400000", null),
                credit("00000000-0000-7000-8000-000000000001", "2026-03-01", "500000", null), // same day, smaller id: first
                credit("00000000-0000-7000-8000-000000000003", "2026-02-01", "300000", null));
        List<StatementLine> lines = new CommissionLedger(plan, cny("1000000"), List.of(), credits, List.of())
                .pendingLines(date("2026-12-31"));
        assertThat(lines).extracting(l -> l.credited().amountText()).containsExactly("300000.00", "500000.00", "400000.00");
        assertThat(lines).extracting(l -> l.payout().amountText()).containsExactly("0.00", "12000.00", "20000.00");
        assertThat(lines.get(2).cumulativeBefore()).isEqualTo(cny("800000"));
        assertThat(lines.get(2).cumulativeAfter()).isEqualTo(cny("1200000"));
        assertThat(lines.get(2).ratePercent()).isEqualByComparingTo("6");
        assertThat(lines.stream().map(StatementLine::payout).reduce(Money::plus)).contains(f.payout(cny("1200000")));
    }

    @Test
    void theLineThatCrossesIntoAHigherWholeTierCarriesTheTrueUpOfEarlierCredits() {
        CommissionPlan whole = Plans.tiered(PlanMode.WHOLE, null);
        List<StatementLine> lines = new CommissionLedger(whole, cny("1000000"), List.of(), List.of(
                credit("00000000-0000-7000-8000-000000000001", "2026-01-10", "600000", null),
                credit("00000000-0000-7000-8000-000000000002", "2026-02-10", "600000", null)), List.of())
                .pendingLines(date("2026-12-31"));
        assertThat(lines).extracting(l -> l.payout().amountText()).containsExactly("24000.00", "48000.00"); // 72,000 in all
    }

    /** The golden CommissionStatementIssued example of event-contracts, line by line. */
    @Test
    void theGoldenStatementExampleIsReproducedIncludingItsClawback() {
        UUID terminatedOpportunity = UUID.fromString("019f1c0c-5c80-775b-b1d5-9711ee7bb017");
        UUID terminatedContract = UUID.fromString("01a07ecc-18a0-745f-8d58-b8058aef1ac2");
        CommissionPlan plan = Plans.tiered(PlanMode.STEP, null);
        Money quota = cny("12000000.00");
        // earlier statements: 9,325,515.30 credited, among it the 150,000 deal paid at 4 %
        List<Credit> earlier = List.of(
                credit("00000000-0000-7000-8000-000000000001", "2026-06-30", "6000000.00", null),
                credit("00000000-0000-7000-8000-000000000002", "2026-09-10", "150000.00", terminatedOpportunity),
                credit("00000000-0000-7000-8000-000000000003", "2026-10-20", "3175515.30", null));
        List<StatementLine> issued = new CommissionLedger(plan, quota, List.of(), earlier, List.of())
                .pendingLines(date("2026-10-31"));
        assertThat(issued.get(1).payout()).isEqualTo(cny("6000.00"));

        List<Credit> all = new ArrayList<>(earlier);
        all.add(new Credit(UUID.fromString("01a1af3a-5c80-71ae-8554-971c0d5722df"), UUID.fromString("01a1af38-aed0-7b28-9481-7606547cf874"),
                "OpportunityWon", date("2026-11-06"), cny("310000.00"), UUID.fromString("01a05ab1-d900-7f16-8ea1-238b7f48c83d"), null));
        all.add(new Credit(UUID.fromString("01a1ed9b-e7a0-7909-a5fb-447574feab40"), UUID.fromString("01a1ed9b-3916-787d-8fe2-485f64f29d5a"),
                "OpportunityWon", date("2026-11-18"), cny("769327.20"), UUID.fromString("019ffeee-7808-73d4-bdf8-1664ffd9fcdf"), null));
        ContractTermination termination = new ContractTermination(UUID.fromString("01a1cdce-4dcc-76da-b6e2-b25ff723913f"),
                terminatedContract, terminatedOpportunity, date("2026-09-10"), date("2026-11-12"));
        CommissionLedger ledger = new CommissionLedger(plan, quota, issued, all, List.of(termination));

        CommissionStatement statement = CommissionStatement.draft(UUID.randomUUID(), REP, ledger, plan, "FY2026", "FY2026-M11",
                date("2026-11-30"));
        assertThat(statement.lines()).extracting(StatementLine::kind)
                .containsExactly(LineKind.CREDIT, LineKind.CLAWBACK, LineKind.CREDIT);
        assertThat(statement.lines()).extracting(l -> l.payout().amountText()).containsExactly("12400.00", "-6000.00", "30773.09");
        StatementLine clawback = statement.lines().get(1);
        assertThat(clawback.credited()).isEqualTo(cny("-150000.00"));
        assertThat(clawback.ratePercent()).isEqualByComparingTo("4");
        assertThat(clawback.tier().fromPercent()).isEqualByComparingTo("50");
        assertThat(clawback.cumulativeBefore()).isNull();
        assertThat(statement.lines().get(2).cumulativeBefore()).isEqualTo(cny("9635515.30"));
        assertThat(statement.lines().get(2).cumulativeAfter()).isEqualTo(cny("10404842.50"));
        assertThat(statement.payout()).isEqualTo(cny("37173.09"));
        assertThat(statement.previousPayoutToDate()).isEqualTo(cny("133020.61"));
        assertThat(statement.payoutToDate()).isEqualTo(cny("170193.70"));
        assertThat(statement.creditedToDate()).isEqualTo(cny("10404842.50"));
    }

    @Test
    void aTerminationOutsideTheWindowClawsNothingBackAndOneInsideClawsBackOnce() {
        UUID opportunity = UUID.randomUUID();
        List<Credit> credits = List.of(credit("00000000-0000-7000-8000-000000000001", "2026-02-01", "800000", opportunity));
        ContractTermination late = new ContractTermination(UUID.randomUUID(), UUID.randomUUID(), opportunity,
                date("2026-02-01"), date("2026-05-03")); // 91 days after signing, window 90
        assertThat(new CommissionLedger(plan, cny("1000000"), List.of(), credits, List.of(late))
                .pendingLines(date("2026-12-31"))).extracting(StatementLine::kind).containsExactly(LineKind.CREDIT);

        ContractTermination inWindow = new ContractTermination(UUID.randomUUID(), UUID.randomUUID(), opportunity,
                date("2026-02-01"), date("2026-05-02")); // 90 days: inside
        List<StatementLine> first = new CommissionLedger(plan, cny("1000000"), List.of(), credits, List.of(inWindow))
                .pendingLines(date("2026-12-31"));
        assertThat(first).extracting(l -> l.payout().amountText()).containsExactly("12000.00", "-12000.00");
        // once issued, the same termination (redelivered) and a second one for the same deal claw back nothing more
        ContractTermination again = new ContractTermination(UUID.randomUUID(), UUID.randomUUID(), opportunity,
                date("2026-02-01"), date("2026-05-02"));
        assertThat(new CommissionLedger(plan, cny("1000000"), first, credits, List.of(inWindow, again))
                .pendingLines(date("2026-12-31"))).isEmpty();
    }

    @Test
    void aTerminationReversalCreditIsSettledByTheClawbackNotThroughTheTiers() {
        UUID contract = UUID.randomUUID();
        List<Credit> credits = List.of(
                new Credit(UUID.randomUUID(), UUID.randomUUID(), "ContractSigned", date("2026-03-01"), cny("700000"), null, contract),
                new Credit(UUID.randomUUID(), UUID.randomUUID(), "ContractTerminated", date("2026-04-01"), cny("-700000"), null, contract));
        ContractTermination termination = new ContractTermination(UUID.randomUUID(), contract, null, date("2026-03-01"), date("2026-04-01"));
        List<StatementLine> lines = new CommissionLedger(plan, cny("1000000"), List.of(), credits, List.of(termination))
                .pendingLines(date("2026-12-31"));
        assertThat(lines).extracting(StatementLine::kind).containsExactly(LineKind.CREDIT, LineKind.CLAWBACK);
        assertThat(lines).extracting(l -> l.payout().amountText()).containsExactly("8000.00", "-8000.00");
    }

    @Test
    void aQuotaChangedAfterIssueIsTrueUpByAnAdjustmentLineSoTheTotalIsStillFOfTheTotal() {
        List<Credit> credits = List.of(credit("00000000-0000-7000-8000-000000000001", "2026-02-01", "800000", null));
        List<StatementLine> issued = new CommissionLedger(plan, cny("1000000"), List.of(), credits, List.of())
                .pendingLines(date("2026-02-28"));
        assertThat(issued.get(0).payout()).isEqualTo(cny("12000.00"));
        List<StatementLine> next = new CommissionLedger(plan, cny("800000"), issued, credits, List.of())
                .pendingLines(date("2026-03-31"));
        // new quota 800,000: f(800,000) = 4 % × 400,000 = 16,000
        assertThat(next).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo(LineKind.ADJUSTMENT);
            assertThat(l.payout()).isEqualTo(cny("4000.00"));
            assertThat(l.credited()).isEqualTo(cny("0"));
        });
    }

    @Test
    void anIssuedStatementsLinesAreNeverEditedNorIssuedTwice() {
        CommissionLedger ledger = new CommissionLedger(plan, cny("1000000"), List.of(),
                List.of(credit("00000000-0000-7000-8000-000000000001", "2026-02-01", "800000", null)), List.of());
        CommissionStatement draft = CommissionStatement.draft(UUID.randomUUID(), REP, ledger, plan, "FY2026", "FY2026-M02",
                date("2026-02-28"));
        assertThat(draft.withLines(List.of()).lines()).isEmpty(); // a draft may change
        CommissionStatement issued = draft.issue(date("2026-03-01"));
        assertThat(issued.status()).isEqualTo(StatementStatus.ISSUED);
        assertThatThrownBy(() -> issued.withLines(List.of()))
                .isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("slug", "statement-issued")
                .hasFieldOrPropertyWithValue("kind", RuleViolation.Kind.STATE_CONFLICT);
        assertThatThrownBy(() -> issued.issue(date("2026-03-02")))
                .isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("slug", "statement-issued");
    }
}
