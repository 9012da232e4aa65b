package com.quota.performance.commission;

import com.quota.money.Money;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static com.quota.performance.commission.Plans.CNY;
import static com.quota.performance.commission.Plans.cny;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/** The one rule over random plans, credits (negative ones too), statement cuts, arrival orders and quotas. */
class CommissionLedgerPropertiesTest {

    private static final LocalDate YEAR_START = LocalDate.of(2026, 1, 1);

    /** Random tiers from 0 % to open-ended, rates 0..12 % with up to 2 decimals. */
    private static final Gen<List<Tier>> TIERS = lists().of(integers().between(1, 80)).ofSizeBetween(0, 5)
            .zip(lists().of(integers().between(0, 1200)).ofSize(6), (widths, rates) -> {
                List<Tier> tiers = new ArrayList<>();
                BigDecimal from = BigDecimal.ZERO;
                for (int i = 0; i < widths.size(); i++) {
                    BigDecimal to = from.add(BigDecimal.valueOf(widths.get(i)));
                    tiers.add(new Tier(from, to, BigDecimal.valueOf(rates.get(i), 2)));
                    from = to;
                }
                tiers.add(new Tier(from, null, BigDecimal.valueOf(rates.get(widths.size()), 2)));
                return tiers;
            });

    private static final Gen<List<RateAnchor>> ANCHORS = lists().of(integers().between(1, 60)).ofSizeBetween(1, 5)
            .zip(lists().of(integers().between(0, 1200)).ofSize(5), (steps, rates) -> {
                List<RateAnchor> anchors = new ArrayList<>();
                int at = 0;
                for (int i = 0; i < steps.size(); i++) {
                    at += steps.get(i);
                    anchors.add(new RateAnchor(BigDecimal.valueOf(at), BigDecimal.valueOf(rates.get(i), 2)));
                }
                return anchors;
            });

    /** A plan of any mode, capped about half the time. */
    private static final Gen<CommissionPlan> PLANS = integers().between(0, 2).zip(TIERS, ANCHORS,
                    (mode, tiers, anchors) -> new Object[] {PlanMode.values()[mode], tiers, anchors})
            .zip(booleans().all(), longs().between(0, 20_000_000L), (m, capped, cap) -> new CommissionPlan(UUID.randomUUID(),
                    "p", CommissionMetric.BOOKINGS, (PlanMode) m[0], PlanPeriod.YEAR, CNY,
                    m[0] == PlanMode.INTERPOLATED ? List.of() : castTiers(m[1]),
                    m[0] == PlanMode.INTERPOLATED ? castAnchors(m[2]) : List.of(),
                    capped ? Money.of(BigDecimal.valueOf(cap, 2), CNY) : null, 90, YEAR_START, null));

    /** Credits in cents, a fifth of them negative (reopened wins, downward amendments), on random days of the year. */
    private static final Gen<List<Credit>> CREDITS = lists().of(longs().between(-50_000_000L, 200_000_000L)
                    .zip(integers().between(0, 364), (cents, day) -> new Credit(UUID.randomUUID(), UUID.randomUUID(),
                            "OpportunityWon", YEAR_START.plusDays(day), Money.of(BigDecimal.valueOf(cents, 2), CNY), null, null)))
            .ofSizeBetween(0, 40);

    private static final Gen<Money> QUOTAS = longs().between(0, 2_000_000_000L).map(cents -> Money.of(BigDecimal.valueOf(cents, 2), CNY));

    @SuppressWarnings("unchecked")
    private static List<Tier> castTiers(Object tiers) {
        return (List<Tier>) tiers;
    }

    @SuppressWarnings("unchecked")
    private static List<RateAnchor> castAnchors(Object anchors) {
        return (List<RateAnchor>) anchors;
    }

    private static Money total(List<StatementLine> lines) {
        return lines.stream().map(StatementLine::payout).reduce(Money.zero(CNY), Money::plus);
    }

    private static Money credited(List<Credit> credits) {
        return credits.stream().map(Credit::amount).reduce(Money.zero(CNY), Money::plus);
    }

    @Test
    void theLinesOfAPeriodAlwaysSumToFOfThePeriodTotal() {
        qt().withExamples(500).forAll(PLANS, CREDITS, QUOTAS).checkAssert((plan, credits, quota) -> {
            List<StatementLine> lines = new CommissionLedger(plan, quota, List.of(), credits, List.of())
                    .pendingLines(LocalDate.of(2026, 12, 31));
            assertThat(lines).hasSize(credits.size());
            assertThat(total(lines)).isEqualTo(new PayoutFunction(plan, quota).payout(credited(credits)));
            // each line pays exactly f(after) − f(before), in credit-date order
            PayoutFunction f = new PayoutFunction(plan, quota);
            for (StatementLine line : lines) {
                assertThat(line.payout()).isEqualTo(f.payout(line.cumulativeAfter()).minus(f.payout(line.cumulativeBefore())));
                assertThat(line.cumulativeAfter()).isEqualTo(line.cumulativeBefore().plus(line.credited()));
            }
            for (int i = 1; i < lines.size(); i++) {
                assertThat(lines.get(i).creditDate()).isAfterOrEqualTo(lines.get(i - 1).creditDate());
            }
            if (plan.cap() != null) {
                assertThat(total(lines)).isLessThanOrEqualTo(plan.cap());
            }
        });
    }

    @Test
    void howStatementsAreCutWhenEventsArriveAndQuotaChangesNeverChangeTheTotal() {
        qt().withExamples(300).forAll(PLANS, CREDITS, QUOTAS, longs().all()).checkAssert((plan, credits, quota, seed) -> {
            Random random = new Random(seed);
            List<Credit> arrival = new ArrayList<>(credits);
            Collections.shuffle(arrival, random);
            List<StatementLine> issued = new ArrayList<>();
            List<Credit> known = new ArrayList<>();
            int cuts = 1 + random.nextInt(6);
            Money lastQuota = quota;
            for (int cut = 0; cut < cuts; cut++) {
                // some more events arrive (late ones included), then a statement up to a random date is issued
                int more = random.nextInt(arrival.size() - known.size() + 1);
                known.addAll(arrival.subList(known.size(), known.size() + more));
                lastQuota = random.nextInt(4) == 0 ? Money.of(quota.amount().multiply(BigDecimal.valueOf(random.nextInt(3) + 1)), CNY) : lastQuota;
                LocalDate upTo = YEAR_START.plusDays(random.nextInt(365));
                List<StatementLine> before = List.copyOf(issued);
                issued.addAll(new CommissionLedger(plan, lastQuota, issued, known, List.of()).pendingLines(upTo));
                assertThat(issued.subList(0, before.size())).isEqualTo(before); // issued lines are never touched
            }
            List<StatementLine> rest = new CommissionLedger(plan, lastQuota, issued, credits, List.of())
                    .pendingLines(LocalDate.of(2026, 12, 31));
            List<StatementLine> all = new ArrayList<>(issued);
            all.addAll(rest);
            assertThat(total(all)).isEqualTo(new PayoutFunction(plan, lastQuota).payout(credited(credits)));
            assertThat(all.stream().filter(l -> l.kind() == LineKind.CREDIT)).hasSize(credits.size()); // each credit once
        });
    }

    @Test
    void aClawbackReversesExactlyWhatTheTerminatedDealsLinesPaid() {
        qt().withExamples(300).forAll(PLANS, CREDITS, QUOTAS, integers().between(0, 39)).checkAssert((plan, credits, quota, pick) -> {
            if (credits.isEmpty()) {
                return;
            }
            UUID opportunity = UUID.randomUUID();
            List<Credit> tagged = new ArrayList<>(credits);
            Credit deal = credits.get(pick % credits.size());
            tagged.set(pick % credits.size(), new Credit(deal.eventId(), deal.sourceEventId(), deal.sourceEventType(),
                    deal.creditDate(), deal.amount(), opportunity, null));
            ContractTermination termination = new ContractTermination(UUID.randomUUID(), UUID.randomUUID(), opportunity,
                    deal.creditDate(), deal.creditDate().plusDays(30));
            List<StatementLine> lines = new CommissionLedger(plan, quota, List.of(), tagged, List.of(termination))
                    .pendingLines(LocalDate.of(2027, 3, 31));
            StatementLine dealLine = lines.stream().filter(l -> l.kind() == LineKind.CREDIT && opportunity.equals(l.opportunityId()))
                    .findFirst().orElseThrow();
            List<StatementLine> clawbacks = lines.stream().filter(l -> l.kind() == LineKind.CLAWBACK).toList();
            if (dealLine.payout().isZero() && dealLine.credited().isZero()) {
                assertThat(clawbacks).isEmpty();
            } else {
                assertThat(clawbacks).singleElement().satisfies(c -> {
                    assertThat(c.payout()).isEqualTo(dealLine.payout().negate());
                    assertThat(c.credited()).isEqualTo(dealLine.credited().negate());
                });
            }
            Money f = new PayoutFunction(plan, quota).payout(credited(tagged));
            assertThat(total(lines)).isEqualTo(f.minus(dealLine.payout()));
        });
    }

    @Test
    void stepPayoutNeverFallsAsCreditGrowsAndNeverExceedsTheTopRateOnTheCredit() {
        qt().withExamples(500).forAll(TIERS, QUOTAS, longs().between(0, 5_000_000_000L), longs().between(0, 100_000_000L))
                .checkAssert((tiers, quota, cents, extra) -> {
                    CommissionPlan plan = new CommissionPlan(UUID.randomUUID(), "p", CommissionMetric.BOOKINGS, PlanMode.STEP,
                            PlanPeriod.YEAR, CNY, tiers, List.of(), null, 90, YEAR_START, null);
                    PayoutFunction f = new PayoutFunction(plan, quota);
                    Money c = Money.of(BigDecimal.valueOf(cents, 2), CNY);
                    Money more = c.plus(Money.of(BigDecimal.valueOf(extra, 2), CNY));
                    assertThat(f.payout(more)).isGreaterThanOrEqualTo(f.payout(c));
                    BigDecimal top = tiers.stream().map(Tier::ratePercent).max(BigDecimal::compareTo).orElseThrow();
                    assertThat(f.payout(c)).isLessThanOrEqualTo(c.times(top.movePointLeft(2)).plus(cny("0.01")));
                });
    }
}
