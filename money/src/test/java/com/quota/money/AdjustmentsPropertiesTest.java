package com.quota.money;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/** Properties of adjusted top-down allocation over random totals, weights and adjustments. */
class AdjustmentsPropertiesTest {

    /** A child's weight and its adjustment in percent (−100.0 to +100.0, one decimal). */
    record Child(BigDecimal weight, BigDecimal adjustmentPercent) {
    }

    private static final Gen<List<Child>> CHILDREN = lists().of(
                    longs().between(0, 100_000).zip(integers().between(-1000, 1000),
                            (w, a) -> new Child(BigDecimal.valueOf(w), BigDecimal.valueOf(a, 1))))
            .ofSizeBetween(1, 12)
            // at least one child that keeps a positive weight after its adjustment
            .assuming(cs -> cs.stream().anyMatch(c -> c.weight().signum() > 0 && c.adjustmentPercent().intValue() > -100));

    private static final Gen<BigDecimal> TOTALS = longs().between(-10_000_000_000L, 10_000_000_000L).map(u -> BigDecimal.valueOf(u, 2));

    @Test
    void normalizedPartsSumExactlyToTheParentTotal() {
        qt().withExamples(1000).forAll(TOTALS, CHILDREN).checkAssert((total, children) -> {
            List<BigDecimal> parts = Adjustments.allocateNormalized(total, weights(children), adjustments(children), 2);
            assertThat(sum(parts)).isEqualTo(total);
        });
    }

    @Test
    void additivePartsSumExactlyToTheIntendedTotalWhichIsTheExactSumRoundedOnce() {
        qt().withExamples(1000).forAll(TOTALS, CHILDREN).checkAssert((total, children) -> {
            List<BigDecimal> w = weights(children);
            List<BigDecimal> a = adjustments(children);
            BigDecimal intended = Adjustments.additiveIntendedTotal(total, w, a, 2);
            List<BigDecimal> parts = Adjustments.allocateAdditive(total, w, a, 2);
            assertThat(sum(parts)).isEqualTo(intended);
            // the intended total is within half a cent of Σ T × w_i ÷ Σw × (1 + a_i), computed here at 30 decimals
            BigDecimal weightSum = sum(w);
            BigDecimal exact = BigDecimal.ZERO;
            for (int i = 0; i < w.size(); i++) {
                exact = exact.add(total.multiply(w.get(i)).multiply(BigDecimal.ONE.add(a.get(i).movePointLeft(2)))
                        .divide(weightSum, 30, RoundingMode.HALF_EVEN));
            }
            assertThat(intended.subtract(exact).abs()).isLessThanOrEqualTo(new BigDecimal("0.005"));
            // each part is within one cent of its share of the intended total
            List<BigDecimal> adjusted = Adjustments.adjustedWeights(w, a);
            BigDecimal adjustedSum = sum(adjusted);
            for (int i = 0; i < parts.size(); i++) {
                BigDecimal share = intended.multiply(adjusted.get(i)).divide(adjustedSum, 30, RoundingMode.HALF_EVEN);
                assertThat(parts.get(i).subtract(share).abs()).isLessThan(new BigDecimal("0.01"));
            }
        });
    }

    @Test
    void withoutAdjustmentsBothModesAreThePlainAllocation() {
        qt().withExamples(500).forAll(TOTALS, CHILDREN).checkAssert((total, children) -> {
            List<BigDecimal> w = weights(children);
            List<BigDecimal> none = w.stream().map(x -> BigDecimal.ZERO).toList();
            List<BigDecimal> plain = LargestRemainder.allocate(total, w, 2);
            assertThat(Adjustments.allocateNormalized(total, w, none, 2)).isEqualTo(plain);
            assertThat(Adjustments.allocateAdditive(total, w, none, 2)).isEqualTo(plain);
        });
    }

    private static List<BigDecimal> weights(List<Child> children) {
        return children.stream().map(Child::weight).toList();
    }

    private static List<BigDecimal> adjustments(List<Child> children) {
        return children.stream().map(Child::adjustmentPercent).toList();
    }

    private static BigDecimal sum(List<BigDecimal> values) {
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
