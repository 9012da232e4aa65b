package com.quota.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * INTERIM copy of kit-money's {@code LargestRemainder} API (brief kit-api.md) so target-service compiles and tests
 * before the money library lands on main; deleted in the merge that brings {@code com.quota:money}.
 */
public final class LargestRemainder {

    /** How a tie of remainders is broken. */
    public enum TieBreak { LARGER_WEIGHT_THEN_EARLIER, EARLIER }

    private LargestRemainder() {
    }

    public static List<BigDecimal> allocate(BigDecimal total, List<BigDecimal> weights, int scale) {
        return allocate(total, weights, scale, TieBreak.LARGER_WEIGHT_THEN_EARLIER);
    }

    public static List<BigDecimal> allocate(BigDecimal total, List<BigDecimal> weights, int scale, TieBreak tieBreak) {
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("no weights");
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal w : weights) {
            if (w.signum() < 0) {
                throw new IllegalArgumentException("negative weight " + w);
            }
            sum = sum.add(w);
        }
        if (sum.signum() == 0) {
            throw new IllegalArgumentException("all weights are zero");
        }
        if (total.signum() < 0) {
            return allocate(total.negate(), weights, scale, tieBreak).stream().map(BigDecimal::negate).toList();
        }
        BigDecimal unit = BigDecimal.ONE.movePointLeft(scale);
        List<BigDecimal> parts = new ArrayList<>();
        List<BigDecimal> remainders = new ArrayList<>();
        BigDecimal assigned = BigDecimal.ZERO;
        for (BigDecimal w : weights) {
            BigDecimal exactUnits = total.multiply(w).movePointRight(scale);
            BigDecimal[] qr = exactUnits.divideAndRemainder(sum);
            BigDecimal floor = qr[0].movePointLeft(scale).setScale(scale, RoundingMode.UNNECESSARY);
            parts.add(floor);
            remainders.add(qr[1]);
            assigned = assigned.add(floor);
        }
        int spare = total.setScale(scale, RoundingMode.UNNECESSARY).subtract(assigned).movePointRight(scale).intValueExact();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            order.add(i);
        }
        Comparator<Integer> byRemainder = Comparator.comparing((Integer i) -> remainders.get(i)).reversed();
        if (tieBreak == TieBreak.LARGER_WEIGHT_THEN_EARLIER) {
            byRemainder = byRemainder.thenComparing(Comparator.comparing((Integer i) -> weights.get(i)).reversed());
        }
        order.sort(byRemainder.thenComparing(Comparator.naturalOrder()));
        for (int k = 0; k < spare; k++) {
            int i = order.get(k);
            parts.set(i, parts.get(i).add(unit));
        }
        return parts;
    }
}
