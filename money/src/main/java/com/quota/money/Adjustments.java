package com.quota.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Per-child adjustments of a top-down allocation (e.g. +5 %, −10 %), in the two modes of the domain: NORMALIZED
 * (the parts still sum to the parent total) and ADDITIVE (the sum moves by the adjustments; the difference is the
 * allocation gap). Adjustments are given in percent: {@code 5} is +5 %, {@code -10} is −10 %.
 */
public final class Adjustments {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Adjustments() {
    }

    /**
     * The adjusted weights w'_i = w_i × (1 + a_i/100), exact. Both modes split by these.
     *
     * @throws IllegalArgumentException when the lists differ in length, a value is missing, a weight is negative or an
     *                                  adjustment is below −100 %
     */
    public static List<BigDecimal> adjustedWeights(List<BigDecimal> weights, List<BigDecimal> adjustmentsPercent) {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(adjustmentsPercent, "adjustmentsPercent");
        if (weights.size() != adjustmentsPercent.size()) {
            throw new IllegalArgumentException(weights.size() + " weights but " + adjustmentsPercent.size()
                    + " adjustments");
        }
        List<BigDecimal> adjusted = new ArrayList<>(weights.size());
        for (int i = 0; i < weights.size(); i++) {
            BigDecimal w = weights.get(i);
            BigDecimal a = adjustmentsPercent.get(i);
            if (w == null || a == null) {
                throw new IllegalArgumentException("weight or adjustment " + i + " is missing");
            }
            if (w.signum() < 0) {
                throw new IllegalArgumentException("weight " + i + " is negative: " + w.toPlainString());
            }
            if (a.compareTo(HUNDRED.negate()) < 0) {
                throw new IllegalArgumentException("adjustment " + i + " is below -100%: " + a.toPlainString());
            }
            // w × (100 + a) ÷ 100 is exact: moving the decimal point never rounds
            adjusted.add(w.multiply(HUNDRED.add(a)).movePointLeft(2));
        }
        return List.copyOf(adjusted);
    }

    /** NORMALIZED: {@code total} split by the adjusted weights, so the parts sum to {@code total} exactly. */
    public static List<BigDecimal> allocateNormalized(BigDecimal total, List<BigDecimal> weights,
                                                      List<BigDecimal> adjustmentsPercent, int scale) {
        return LargestRemainder.allocate(total, adjustedWeights(weights, adjustmentsPercent), scale);
    }

    /**
     * The ADDITIVE intended total: Σ total × w_i ÷ Σw × (1 + a_i/100) computed exactly, rounded HALF_EVEN to
     * {@code scale} decimals once.
     *
     * @throws IllegalArgumentException when all weights are zero (and as {@link #adjustedWeights})
     */
    public static BigDecimal additiveIntendedTotal(BigDecimal total, List<BigDecimal> weights,
                                                   List<BigDecimal> adjustmentsPercent, int scale) {
        Objects.requireNonNull(total, "total");
        List<BigDecimal> adjusted = adjustedWeights(weights, adjustmentsPercent);
        BigDecimal weightSum = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (weightSum.signum() == 0) {
            throw new IllegalArgumentException("all weights are zero");
        }
        BigDecimal adjustedSum = adjusted.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        // one division of exact numbers: the only rounding is the final HALF_EVEN to the minor unit
        return total.multiply(adjustedSum).divide(weightSum, scale, RoundingMode.HALF_EVEN);
    }

    /**
     * ADDITIVE: the parts T × w_i ÷ Σw × (1 + a_i/100), as the {@link #additiveIntendedTotal intended total} split
     * by the adjusted weights, so they sum to it exactly (ties to the larger adjusted weight, then the earlier
     * child). Every part is zero when every adjusted weight is (all children at −100 %).
     */
    public static List<BigDecimal> allocateAdditive(BigDecimal total, List<BigDecimal> weights,
                                                    List<BigDecimal> adjustmentsPercent, int scale) {
        BigDecimal intended = additiveIntendedTotal(total, weights, adjustmentsPercent, scale);
        List<BigDecimal> adjusted = adjustedWeights(weights, adjustmentsPercent);
        if (adjusted.stream().allMatch(w -> w.signum() == 0)) {
            return Collections.nCopies(adjusted.size(), BigDecimal.ZERO.setScale(scale));
        }
        return LargestRemainder.allocate(intended, adjusted, scale);
    }
}
