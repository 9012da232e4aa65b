package com.quota.money;

import com.quota.money.LargestRemainder.TieBreak;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/** Properties of the largest-remainder split over random totals, weights and scales. */
class LargestRemainderPropertiesTest {

    private static final int EXAMPLES = 2000;

    /** A total at a scale: its unscaled value and the scale (0..4). */
    record Total(BigDecimal value, int scale) {
    }

    private static final Gen<Total> TOTALS = longs().between(-1_000_000_000_000L, 1_000_000_000_000L)
            .zip(integers().between(0, 4), (units, scale) -> new Total(BigDecimal.valueOf(units, scale), scale));

    /** Small totals, where ties of the remainder are frequent. */
    private static final Gen<Total> SMALL_TOTALS = longs().between(-30, 30)
            .zip(integers().between(0, 2), (units, scale) -> new Total(BigDecimal.valueOf(units, scale), scale));

    /** Weights of mixed scales (e.g. 12.5, 0.003, 40), some zero, at least one positive. */
    private static final Gen<List<BigDecimal>> WEIGHTS = lists().of(
                    longs().between(0, 1_000_000).zip(integers().between(0, 3), BigDecimal::valueOf))
            .ofSizeBetween(1, 24)
            .assuming(ws -> ws.stream().anyMatch(w -> w.signum() > 0));

    /** Few distinct small weights, where equal remainders and equal weights meet. */
    private static final Gen<List<BigDecimal>> TIE_PRONE_WEIGHTS = lists().of(
                    integers().between(0, 4).map(i -> BigDecimal.valueOf(i)))
            .ofSizeBetween(1, 8)
            .assuming(ws -> ws.stream().anyMatch(w -> w.signum() > 0));

    /** Percent shares at 2 decimals, every one positive, summing to exactly 100. */
    private static final Gen<List<BigDecimal>> SHARES = lists().of(integers().between(1, 9_999))
            .ofSizeBetween(0, 6)
            .map(cuts -> {
                List<Integer> points = new ArrayList<>(cuts.stream().distinct().sorted().toList());
                points.add(0, 0);
                points.add(10_000);
                List<BigDecimal> shares = new ArrayList<>();
                for (int i = 1; i < points.size(); i++) {
                    shares.add(BigDecimal.valueOf(points.get(i) - points.get(i - 1), 2));
                }
                return shares;
            });

    /** Splits of 100 with repeated shares, so equal shares and equal remainders are common. */
    private static final Gen<List<BigDecimal>> TIE_PRONE_SHARES = integers().between(0, 4).map(i -> List.of(
                    List.of(50, 50), List.of(25, 25, 50), List.of(20, 40, 40), List.of(30, 30, 40), List.of(25, 25, 25, 25))
            .get(i).stream().map(BigDecimal::valueOf).toList());

    @Test
    void partsAlwaysSumExactlyToTheTotal() {
        qt().withExamples(EXAMPLES).forAll(TOTALS, WEIGHTS).checkAssert((total, weights) -> {
            List<BigDecimal> parts = LargestRemainder.allocate(total.value(), weights, total.scale());
            assertThat(parts).hasSameSizeAs(weights).allSatisfy(p -> assertThat(p.scale()).isEqualTo(total.scale()));
            assertThat(sum(parts)).isEqualTo(total.value().setScale(total.scale()));
        });
    }

    @Test
    void everyPartIsWithinOneMinorUnitOfItsExactShare() {
        qt().withExamples(EXAMPLES).forAll(TOTALS, WEIGHTS).checkAssert((total, weights) -> {
            List<BigDecimal> parts = LargestRemainder.allocate(total.value(), weights, total.scale());
            BigDecimal weightSum = sum(weights);
            BigDecimal unitTimesWeightSum = BigDecimal.ONE.movePointLeft(total.scale()).multiply(weightSum);
            for (int i = 0; i < parts.size(); i++) {
                // |part − total × w ÷ Σw| < unit  ⇔  |part × Σw − total × w| < unit × Σw (no division, no rounding)
                BigDecimal error = parts.get(i).multiply(weightSum).subtract(total.value().multiply(weights.get(i))).abs();
                assertThat(error).isLessThan(unitTimesWeightSum);
                if (weights.get(i).signum() == 0) {
                    assertThat(parts.get(i).signum()).isZero();
                }
            }
        });
    }

    @Test
    void aReversalIsTheExactNegationOfTheOriginal() {
        qt().withExamples(EXAMPLES).forAll(TOTALS, WEIGHTS, integers().between(0, 1)).checkAssert((total, weights, mode) -> {
            TieBreak tieBreak = TieBreak.values()[mode];
            List<BigDecimal> original = LargestRemainder.allocate(total.value(), weights, total.scale(), tieBreak);
            List<BigDecimal> reversal = LargestRemainder.allocate(total.value().negate(), weights, total.scale(), tieBreak);
            assertThat(reversal).containsExactlyElementsOf(original.stream().map(BigDecimal::negate).toList());
        });
        qt().withExamples(EXAMPLES).forAll(TOTALS, SHARES, integers().between(0, 5)).checkAssert((total, shares, p) -> {
            int primary = p % shares.size();
            List<BigDecimal> credit = LargestRemainder.splitByShares(total.value(), shares, primary, total.scale());
            List<BigDecimal> reversal = LargestRemainder.splitByShares(total.value().negate(), shares, primary, total.scale());
            assertThat(reversal).containsExactlyElementsOf(credit.stream().map(BigDecimal::negate).toList());
        });
    }

    @Test
    void spareUnitsGoToTheLargestRemaindersThenTheLargerWeightThenTheEarlierIndex() {
        qt().withExamples(EXAMPLES).forAll(SMALL_TOTALS, TIE_PRONE_WEIGHTS).checkAssert((total, weights) -> {
            List<BigDecimal> parts = LargestRemainder.allocate(total.value(), weights, total.scale());
            assertSpareUnitsFollow(total, weights, parts,
                    Comparator.<Integer, BigDecimal>comparing(weights::get).reversed().thenComparing(Comparator.naturalOrder()));
        });
    }

    @Test
    void earlierTieBreakGivesSpareUnitsToTheEarlierIndexAmongEqualRemainders() {
        qt().withExamples(EXAMPLES).forAll(SMALL_TOTALS, TIE_PRONE_WEIGHTS).checkAssert((total, weights) -> {
            List<BigDecimal> parts = LargestRemainder.allocate(total.value(), weights, total.scale(), TieBreak.EARLIER);
            assertSpareUnitsFollow(total, weights, parts, Comparator.naturalOrder());
        });
    }

    @Test
    void sharesSumExactlyAndTiesGoToTheLargerShareThenThePrimaryThenOwnerOrder() {
        Gen<List<BigDecimal>> shares = SHARES.mix(TIE_PRONE_SHARES);
        qt().withExamples(EXAMPLES).forAll(SMALL_TOTALS.mix(TOTALS), shares, integers().between(0, 5)).checkAssert((total, s, p) -> {
            int primary = p % s.size();
            List<BigDecimal> parts = LargestRemainder.splitByShares(total.value(), s, primary, total.scale());
            assertThat(sum(parts)).isEqualTo(total.value().setScale(total.scale()));
            assertSpareUnitsFollow(total, s, parts, Comparator.<Integer, BigDecimal>comparing(s::get).reversed()
                    .thenComparing(i -> i == primary ? 0 : 1).thenComparing(Comparator.naturalOrder()));
        });
    }

    @Test
    void moneyAllocationSumsToTheTotalInEveryCurrency() {
        Gen<String> currencies = integers().between(0, 3).map(i -> List.of("CNY", "USD", "JPY", "BHD").get(i));
        qt().withExamples(EXAMPLES).forAll(longs().between(-1_000_000_000L, 1_000_000_000L), currencies, WEIGHTS)
                .checkAssert((units, code, weights) -> {
                    Money total = Money.of(BigDecimal.valueOf(units, 3).toPlainString(), code);
                    List<Money> parts = LargestRemainder.allocate(total, weights);
                    Money sum = parts.stream().reduce(Money.zero(total.currency()), Money::plus);
                    assertThat(sum).isEqualTo(total);
                });
    }

    /**
     * The rule behind every tie-break: a part that got a spare unit never has a weaker claim than one that did not,
     * where a claim is the dropped remainder first, then {@code ties}.
     */
    private static void assertSpareUnitsFollow(Total total, List<BigDecimal> weights, List<BigDecimal> parts,
                                               Comparator<Integer> ties) {
        BigDecimal weightSum = sum(weights);
        BigDecimal magnitudeUnits = total.value().abs().movePointRight(total.scale());
        int n = weights.size();
        BigDecimal[] remainders = new BigDecimal[n];
        boolean[] gotSpare = new boolean[n];
        for (int i = 0; i < n; i++) {
            BigDecimal numerator = magnitudeUnits.multiply(weights.get(i));
            BigInteger floor = numerator.divideToIntegralValue(weightSum).toBigIntegerExact();
            remainders[i] = numerator.subtract(weightSum.multiply(new BigDecimal(floor)));
            BigInteger partUnits = parts.get(i).abs().movePointRight(total.scale()).toBigIntegerExact();
            BigInteger extra = partUnits.subtract(floor);
            assertThat(extra).isBetween(BigInteger.ZERO, BigInteger.ONE);
            gotSpare[i] = extra.signum() > 0;
        }
        Comparator<Integer> claim = Comparator.<Integer, BigDecimal>comparing(i -> remainders[i]).reversed().thenComparing(ties);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (gotSpare[i] && !gotSpare[j]) {
                    assertThat(claim.compare(i, j)).as("part %d got a spare unit before part %d: %s of %s over %s",
                            i, j, parts, total.value(), weights).isNegative();
                }
            }
        }
    }

    private static BigDecimal sum(List<BigDecimal> values) {
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
