package com.quota.targets.allocation;

import com.quota.targets.definition.MonthlyAmounts;
import com.quota.targets.definition.RuleViolation;
import com.quota.targets.distribution.MonthlyDistribution;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/** DOMAIN.md "Top-down allocation": the worked examples, and exact sums for any weights, adjustments and amounts. */
class TopDownAllocationTest {

    private static final BigDecimal MILLION = new BigDecimal("1000000.00");

    @Test
    void ratio63_30_10GivesTheTwoSpareCentsToTheLargestRemainders() {
        Allocation allocation = TopDownAllocation.allocateTopDown(MILLION, 2, AllocationRule.of(AllocationMethod.RATIO,
                AdjustmentMode.NORMALIZED, List.of(AllocationChild.ofRatio("63"), AllocationChild.ofRatio("30"),
                        AllocationChild.ofRatio("10"))));

        assertThat(allocation.parts()).containsExactly(new BigDecimal("611650.48"), new BigDecimal("291262.14"),
                new BigDecimal("97087.38"));
        assertThat(allocation.gap()).isEqualByComparingTo("0");
    }

    @Test
    void normalizedAdjustmentsKeepTheParentTotal() {
        Allocation allocation = TopDownAllocation.allocateTopDown(MILLION, 2, AllocationRule.of(AllocationMethod.RATIO,
                AdjustmentMode.NORMALIZED, adjusted60_30_10()));

        assertThat(allocation.parts()).containsExactly(new BigDecimal("617647.06"), new BigDecimal("294117.65"),
                new BigDecimal("88235.29"));
        assertThat(allocation.intendedTotal()).isEqualByComparingTo("1000000.00");
        assertThat(allocation.gap()).isEqualByComparingTo("0.00");
    }

    @Test
    void additiveAdjustmentsReportTheGap() {
        Allocation allocation = TopDownAllocation.allocateTopDown(MILLION, 2, AllocationRule.of(AllocationMethod.RATIO,
                AdjustmentMode.ADDITIVE, adjusted60_30_10()));

        assertThat(allocation.parts()).containsExactly(new BigDecimal("630000.00"), new BigDecimal("300000.00"),
                new BigDecimal("90000.00"));
        assertThat(allocation.gap()).isEqualTo(new BigDecimal("20000.00"));
    }

    @Test
    void equalSplitsTheRemainderToEarlierChildren() {
        Allocation allocation = TopDownAllocation.allocateTopDown(new BigDecimal("100.00"), 2, AllocationRule.of(
                AllocationMethod.EQUAL, null, List.of(AllocationChild.equalShare(), AllocationChild.equalShare(),
                        AllocationChild.equalShare())));

        assertThat(allocation.parts()).containsExactly(new BigDecimal("33.34"), new BigDecimal("33.33"), new BigDecimal("33.33"));
    }

    @Test
    void historyGivesANewcomerTheFloorAsWeight() {
        AllocationRule rule = new AllocationRule(AllocationMethod.HISTORY, AdjustmentMode.NORMALIZED, List.of(
                AllocationChild.ofHistory(new BigDecimal("600000")), AllocationChild.ofHistory(new BigDecimal("300000")),
                AllocationChild.ofHistory(null)), new BigDecimal("100000"));

        assertThat(TopDownAllocation.allocateTopDown(MILLION, 2, rule).parts())
                .containsExactly(new BigDecimal("600000.00"), new BigDecimal("300000.00"), new BigDecimal("100000.00"));
    }

    @Test
    void allWeightsZeroIsRejected() {
        AllocationRule rule = new AllocationRule(AllocationMethod.HISTORY, AdjustmentMode.NORMALIZED,
                List.of(AllocationChild.ofHistory(null), AllocationChild.ofHistory(BigDecimal.ZERO)), BigDecimal.ZERO);

        assertThatThrownBy(() -> TopDownAllocation.allocateTopDown(MILLION, 2, rule))
                .isInstanceOf(RuleViolation.class)
                .extracting(e -> ((RuleViolation) e).slug()).isEqualTo("weights-all-zero");
    }

    @Test
    void negativeRatioAndNegativeAmountAreRejected() {
        assertThatThrownBy(() -> TopDownAllocation.allocateTopDown(MILLION, 2, AllocationRule.of(AllocationMethod.RATIO,
                null, List.of(AllocationChild.ofRatio("-1"), AllocationChild.ofRatio("2")))))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("negative weight");
        assertThatThrownBy(() -> TopDownAllocation.allocateTopDown(new BigDecimal("-1.00"), 2, AllocationRule.of(
                AllocationMethod.EQUAL, null, List.of(AllocationChild.equalShare()))))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("negative");
    }

    @Test
    void monthsDownTheTreeAddUpInEveryMonthQuarterAndYear() {
        MonthlyAmounts company = MonthlyDistribution.distributeEvenly(MILLION, 2);
        List<MonthlyAmounts> regions = TopDownAllocation.allocateMonthsTopDown(company, 2, AllocationRule.of(
                AllocationMethod.RATIO, AdjustmentMode.NORMALIZED, List.of(AllocationChild.ofRatio("63"),
                        AllocationChild.ofRatio("30"), AllocationChild.ofRatio("10"))));

        assertThat(sum(regions, 2)).isEqualTo(company);
        assertThat(regions.get(0).month(1)).isEqualTo(new BigDecimal("50970.88"));
        assertThat(regions.stream().map(MonthlyAmounts::year).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(MILLION);
    }

    @Test
    void anyAllocationSumsExactlyToItsIntendedTotal() {
        qt().withExamples(500).forAll(amountsInCents(), children(), integers().between(0, 1))
                .checkAssert((cents, children, additive) -> {
                    BigDecimal amount = BigDecimal.valueOf(cents, 2);
                    AdjustmentMode mode = additive == 1 ? AdjustmentMode.ADDITIVE : AdjustmentMode.NORMALIZED;
                    Allocation allocation = TopDownAllocation.allocateTopDown(amount, 2,
                            AllocationRule.of(AllocationMethod.RATIO, mode, children));
                    BigDecimal sum = allocation.parts().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                    assertThat(sum).isEqualTo(allocation.intendedTotal());
                    assertThat(allocation.gap()).isEqualTo(sum.subtract(amount));
                    assertThat(allocation.parts()).allSatisfy(p -> assertThat(p.scale()).isEqualTo(2));
                    assertThat(allocation.parts()).allSatisfy(p -> assertThat(p.signum()).isNotNegative());
                    if (mode == AdjustmentMode.NORMALIZED) {
                        assertThat(allocation.gap()).isZero();
                    }
                });
    }

    @Test
    void everyLevelOfAThreeLevelTreeAddsUpInEveryMonthQuarterAndYear() {
        qt().withExamples(200).forAll(amountsInCents(), children(), children())
                .checkAssert((cents, regionsRule, teamsRule) -> {
                    MonthlyAmounts company = MonthlyDistribution.distributeEvenly(BigDecimal.valueOf(cents, 2), 2);
                    List<MonthlyAmounts> regions = TopDownAllocation.allocateMonthsTopDown(company, 2,
                            AllocationRule.of(AllocationMethod.RATIO, AdjustmentMode.NORMALIZED, regionsRule));
                    assertThat(sum(regions, 2)).isEqualTo(company);
                    for (MonthlyAmounts region : regions) {
                        List<MonthlyAmounts> teams = TopDownAllocation.allocateMonthsTopDown(region, 2,
                                AllocationRule.of(AllocationMethod.RATIO, AdjustmentMode.NORMALIZED, teamsRule));
                        MonthlyAmounts teamSum = sum(teams, 2);
                        assertThat(teamSum).isEqualTo(region);
                        assertThat(teamSum.quarters()).isEqualTo(region.quarters());
                        assertThat(teamSum.year()).isEqualTo(region.year());
                    }
                });
    }

    private static Gen<Long> amountsInCents() {
        return longs().between(0, 100_000_000_000L);
    }

    /** 1 to 12 children with ratios 0..1000 (not all zero) and adjustments −100%..+100% in whole percent. */
    private static Gen<List<AllocationChild>> children() {
        Gen<AllocationChild> child = integers().between(0, 1000).zip(integers().between(-100, 100),
                (ratio, percent) -> new AllocationChild(BigDecimal.valueOf(ratio), null, BigDecimal.valueOf(percent, 2)));
        return lists().of(child).ofSizeBetween(1, 12)
                .assuming(list -> list.stream().anyMatch(c -> c.ratio().signum() > 0
                        && c.adjustment().compareTo(BigDecimal.ONE.negate()) > 0));
    }

    private static List<AllocationChild> adjusted60_30_10() {
        return List.of(AllocationChild.ofRatio("60", "0.05"), AllocationChild.ofRatio("30", "0"),
                AllocationChild.ofRatio("10", "-0.10"));
    }

    private static MonthlyAmounts sum(List<MonthlyAmounts> parts, int scale) {
        MonthlyAmounts sum = MonthlyAmounts.zero(scale);
        for (MonthlyAmounts part : parts) {
            sum = sum.plus(part);
        }
        return sum;
    }
}
