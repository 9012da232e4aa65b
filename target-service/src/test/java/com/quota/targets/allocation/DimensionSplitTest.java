package com.quota.targets.allocation;

import com.quota.targets.allocation.DimensionSplit.Share;
import com.quota.targets.distribution.MonthlyDistribution;
import com.quota.targets.definition.MonthlyAmounts;
import com.quota.targets.definition.RuleViolation;
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

/** Allocation by dimension: a target split 60/30/10 over product lines, exact for any percentages and amounts. */
class DimensionSplitTest {

    @Test
    void aCompanyTargetSplit60_30_10OverThreeProductLines() {
        MonthlyAmounts company = MonthlyDistribution.distributeEvenly(new BigDecimal("1000000.00"), 2);

        List<MonthlyAmounts> lines = DimensionSplit.splitByDimension(company, 2, shares("60", "30", "10"));

        // months down the tree (DOMAIN.md): each month split by the same weights, a line's year is the sum of its months.
        // M01..M04 are 83,333.34: 50,000.01 / 25,000.00 / 8,333.33 (the spare cent to the largest remainder, tie to the
        // earlier); M05..M12 are 83,333.33: 50,000.00 / 25,000.00 / 8,333.33
        assertThat(lines).extracting(l -> l.month(1)).containsExactly(new BigDecimal("50000.01"), new BigDecimal("25000.00"),
                new BigDecimal("8333.33"));
        assertThat(lines).extracting(l -> l.month(12)).containsExactly(new BigDecimal("50000.00"), new BigDecimal("25000.00"),
                new BigDecimal("8333.33"));
        assertThat(lines).extracting(MonthlyAmounts::year).containsExactly(new BigDecimal("600000.04"),
                new BigDecimal("300000.00"), new BigDecimal("99999.96"));
        assertThat(sum(lines)).isEqualTo(company);
    }

    @Test
    void splitsOverOrUnder100PercentAreRejected() {
        MonthlyAmounts company = MonthlyDistribution.distributeEvenly(new BigDecimal("100.00"), 2);
        assertThatThrownBy(() -> DimensionSplit.splitByDimension(company, 2, shares("60", "30", "10.01")))
                .isInstanceOf(RuleViolation.class).extracting(e -> ((RuleViolation) e).slug()).isEqualTo("splits-over-100-percent");
        assertThatThrownBy(() -> DimensionSplit.splitByDimension(company, 2, shares("60", "30")))
                .isInstanceOf(RuleViolation.class).extracting(e -> ((RuleViolation) e).slug()).isEqualTo("splits-under-100-percent");
        assertThatThrownBy(() -> DimensionSplit.splitByDimension(company, 2, List.of(new Share("A", new BigDecimal("50")),
                new Share("A", new BigDecimal("50")))))
                .isInstanceOf(RuleViolation.class).extracting(e -> ((RuleViolation) e).slug()).isEqualTo("duplicate-dimension-value");
        assertThatThrownBy(() -> DimensionSplit.splitByDimension(company, 2, List.of(new Share("A", new BigDecimal("110")),
                new Share("B", new BigDecimal("-10")))))
                .isInstanceOf(RuleViolation.class).extracting(e -> ((RuleViolation) e).slug()).isEqualTo("negative-weight");
    }

    @Test
    void anySplitAddsUpExactlyInEveryMonthQuarterAndYear() {
        qt().withExamples(300).forAll(longs().between(0, 100_000_000_000L), percentagesAddingUpTo100())
                .checkAssert((cents, percents) -> {
                    MonthlyAmounts parent = MonthlyDistribution.distributeEvenly(BigDecimal.valueOf(cents, 2), 2);
                    List<Share> shares = new ArrayList<>();
                    for (int i = 0; i < percents.size(); i++) {
                        shares.add(new Share("v" + i, percents.get(i)));
                    }
                    List<MonthlyAmounts> parts = DimensionSplit.splitByDimension(parent, 2, shares);
                    assertThat(parts).hasSize(shares.size());
                    MonthlyAmounts total = sum(parts);
                    assertThat(total).isEqualTo(parent);
                    assertThat(total.quarters()).isEqualTo(parent.quarters());
                    assertThat(total.year()).isEqualTo(parent.year());
                    assertThat(parts).allSatisfy(p -> assertThat(p.months()).allSatisfy(m -> {
                        assertThat(m.signum()).isNotNegative();
                        assertThat(m.scale()).isEqualTo(2);
                    }));
                });
    }

    /** 1 to 12 percentages with 2 decimals adding up to exactly 100: the gaps between sorted cut points in 0..10000 bp. */
    private static Gen<List<BigDecimal>> percentagesAddingUpTo100() {
        return lists().of(integers().between(0, 10_000)).ofSizeBetween(0, 11).map(cuts -> {
            List<Integer> sorted = new ArrayList<>(cuts);
            sorted.add(0);
            sorted.add(10_000);
            sorted.sort(Integer::compare);
            List<BigDecimal> percents = new ArrayList<>();
            for (int i = 1; i < sorted.size(); i++) {
                percents.add(BigDecimal.valueOf(sorted.get(i) - sorted.get(i - 1), 2));
            }
            return percents;
        });
    }

    private static List<Share> shares(String... percents) {
        List<Share> shares = new ArrayList<>();
        for (int i = 0; i < percents.length; i++) {
            shares.add(new Share("line-" + (char) ('A' + i), new BigDecimal(percents[i])));
        }
        return shares;
    }

    private static MonthlyAmounts sum(List<MonthlyAmounts> parts) {
        MonthlyAmounts sum = MonthlyAmounts.zero(2);
        for (MonthlyAmounts part : parts) {
            sum = sum.plus(part);
        }
        return sum;
    }
}
