package com.quota.money;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdjustmentsTest {

    private static List<BigDecimal> ds(String... values) {
        return Arrays.stream(values).map(BigDecimal::new).toList();
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void normalizedAdjustmentsKeepTheParentTotal() {
        // DOMAIN.md: 60/30/10 with +5% / 0 / −10%, NORMALIZED
        List<BigDecimal> parts = Adjustments.allocateNormalized(d("1000000.00"), ds("60", "30", "10"), ds("5", "0", "-10"), 2);
        assertThat(parts).containsExactlyElementsOf(ds("617647.06", "294117.65", "88235.29"));
        assertThat(parts.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualTo(d("1000000.00"));
    }

    @Test
    void additiveAdjustmentsMoveTheTotalByTheGap() {
        // DOMAIN.md: ADDITIVE → 630,000.00 / 300,000.00 / 90,000.00, gap +20,000.00
        BigDecimal intended = Adjustments.additiveIntendedTotal(d("1000000.00"), ds("60", "30", "10"), ds("5", "0", "-10"), 2);
        assertThat(intended).isEqualTo(d("1020000.00"));
        List<BigDecimal> parts = Adjustments.allocateAdditive(d("1000000.00"), ds("60", "30", "10"), ds("5", "0", "-10"), 2);
        assertThat(parts).containsExactlyElementsOf(ds("630000.00", "300000.00", "90000.00"));
        assertThat(parts.stream().reduce(BigDecimal.ZERO, BigDecimal::add).subtract(d("1000000.00"))).isEqualTo(d("20000.00"));
    }

    @Test
    void additiveIntendedTotalIsRoundedOnceFromTheExactSum() {
        // 100.00 over three equal children with +1% each: exact 101.00; each part alone would be 33.67 (sum 101.01)
        assertThat(Adjustments.additiveIntendedTotal(d("100.00"), ds("1", "1", "1"), ds("1", "1", "1"), 2)).isEqualTo(d("101.00"));
        assertThat(Adjustments.allocateAdditive(d("100.00"), ds("1", "1", "1"), ds("1", "1", "1"), 2))
                .containsExactlyElementsOf(ds("33.67", "33.67", "33.66"));
        // 100.00 over 1/1/1 with +0.5% on the first: exact 100 + 33.333…×0.005 = 100.1666… → 100.17
        assertThat(Adjustments.additiveIntendedTotal(d("100.00"), ds("1", "1", "1"), ds("0.5", "0", "0"), 2)).isEqualTo(d("100.17"));
    }

    @Test
    void adjustedWeightsAreExact() {
        assertThat(Adjustments.adjustedWeights(ds("60", "30", "10"), ds("5", "0", "-10")))
                .usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(ds("63", "30", "9"));
        assertThat(Adjustments.adjustedWeights(ds("1"), ds("-100"))).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(BigDecimal.ZERO);
    }

    @Test
    void everyChildAtMinusHundredPercentGetsZeroInAdditiveMode() {
        assertThat(Adjustments.allocateAdditive(d("100.00"), ds("1", "2"), ds("-100", "-100"), 2))
                .containsExactlyElementsOf(ds("0.00", "0.00"));
    }

    @Test
    void badAdjustmentsAreIllegalArguments() {
        assertThatThrownBy(() -> Adjustments.adjustedWeights(ds("1", "2"), ds("5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 weights but 1 adjustments");
        assertThatThrownBy(() -> Adjustments.adjustedWeights(ds("1"), ds("-100.01")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-100%");
        assertThatThrownBy(() -> Adjustments.additiveIntendedTotal(d("1.00"), ds("0", "0"), ds("5", "5"), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all weights are zero");
        assertThatThrownBy(() -> Adjustments.allocateNormalized(d("1.00"), ds("1", "1"), ds("-100", "-100"), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all weights are zero");
    }
}
