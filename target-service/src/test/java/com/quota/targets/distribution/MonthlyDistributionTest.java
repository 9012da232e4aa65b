package com.quota.targets.distribution;

import com.quota.targets.definition.MonthlyAmounts;
import com.quota.targets.definition.RuleViolation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/** DOMAIN.md "Distribution over periods": the worked examples and exact sums for any profile. */
class MonthlyDistributionTest {

    @Test
    void evenGivesTheSpareCentsToTheEarlierMonths() {
        MonthlyAmounts months = MonthlyDistribution.distributeEvenly(new BigDecimal("1000000.00"), 2);

        BigDecimal high = new BigDecimal("83333.34");
        BigDecimal low = new BigDecimal("83333.33");
        assertThat(months.months()).containsExactly(high, high, high, high, low, low, low, low, low, low, low, low);
        assertThat(months.quarters()).containsExactly(new BigDecimal("250000.02"), new BigDecimal("250000.00"),
                new BigDecimal("249999.99"), new BigDecimal("249999.99"));
        assertThat(months.year()).isEqualTo(new BigDecimal("1000000.00"));
    }

    @Test
    void profileWeightsTheMonths() {
        List<BigDecimal> profile = List.of(5, 5, 10, 5, 5, 10, 5, 5, 10, 10, 10, 20).stream()
                .map(BigDecimal::valueOf).toList();

        MonthlyAmounts months = MonthlyDistribution.distributeOverMonths(new BigDecimal("1000000.00"), 2, profile);

        assertThat(months.month(12)).isEqualTo(new BigDecimal("200000.00"));
        assertThat(months.quarter(4)).isEqualTo(new BigDecimal("400000.00"));
    }

    @Test
    void historyWithNoActualsIsRejected() {
        assertThatThrownBy(() -> MonthlyDistribution.distributeOverMonths(new BigDecimal("10.00"), 2,
                Collections.nCopies(12, BigDecimal.ZERO)))
                .isInstanceOf(RuleViolation.class)
                .extracting(e -> ((RuleViolation) e).slug()).isEqualTo("weights-all-zero");
    }

    @Test
    void countsDistributeInWholeUnits() {
        MonthlyAmounts months = MonthlyDistribution.distributeEvenly(new BigDecimal("30"), 0);

        assertThat(months.months()).containsExactly(bd(3), bd(3), bd(3), bd(3), bd(3), bd(3), bd(2), bd(2), bd(2), bd(2),
                bd(2), bd(2));
    }

    @Test
    void anyDistributionSumsExactlyToTheAnnualAmount() {
        qt().withExamples(500)
                .forAll(longs().between(0, 100_000_000_000L), lists().of(integers().between(0, 500)).ofSize(12))
                .assuming((cents, weights) -> weights.stream().anyMatch(w -> w > 0))
                .checkAssert((cents, weights) -> {
                    BigDecimal annual = BigDecimal.valueOf(cents, 2);
                    MonthlyAmounts months = MonthlyDistribution.distributeOverMonths(annual, 2,
                            weights.stream().map(BigDecimal::valueOf).toList());
                    assertThat(months.year()).isEqualTo(annual);
                    assertThat(months.quarters().stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualTo(annual);
                    for (int m = 0; m < 12; m++) {
                        if (weights.get(m) == 0) {
                            assertThat(months.months().get(m)).isZero();
                        }
                    }
                });
    }

    private static BigDecimal bd(int value) {
        return BigDecimal.valueOf(value);
    }
}
