package com.quota.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Splits a total into parts proportional to weights so that the parts sum to the total exactly
 * (largest-remainder method, with the tie rules of the domain).
 */
public final class LargestRemainder {

    /** Who gets a spare minor unit when two parts have the same remainder. */
    public enum TieBreak {
        /** The larger weight, then the earlier index: top-down allocation over children. */
        LARGER_WEIGHT_THEN_EARLIER,
        /** The earlier index: distribution of an amount over months ("ties to the earlier month"). */
        EARLIER
    }

    private LargestRemainder() {
    }

    /** {@link #allocate(BigDecimal, List, int, TieBreak)} with ties to the larger weight, then the earlier index. */
    public static List<BigDecimal> allocate(BigDecimal total, List<BigDecimal> weights, int scale) {
        return allocate(total, weights, scale, TieBreak.LARGER_WEIGHT_THEN_EARLIER);
    }

    /**
     * Parts at {@code scale} decimals, one per weight, that sum exactly to {@code total}. Each part is its exact
     * share (total × weight ÷ Σweights) rounded down in magnitude; the units still missing go one each to the parts
     * with the largest dropped remainders, ties by {@code tieBreak}. So every part is within one minor unit of its
     * exact share and a zero weight gets zero. A negative total is split as its magnitude with every part negated.
     *
     * @throws IllegalArgumentException for an empty list, a null or negative weight, all weights zero, or a total
     *                                  with more decimals than {@code scale}
     */
    public static List<BigDecimal> allocate(BigDecimal total, List<BigDecimal> weights, int scale, TieBreak tieBreak) {
        Objects.requireNonNull(tieBreak, "tieBreak");
        BigInteger[] w = integerWeights(weights);
        Comparator<Integer> ties = switch (tieBreak) {
            case LARGER_WEIGHT_THEN_EARLIER -> Comparator.<Integer, BigInteger>comparing(i -> w[i]).reversed()
                    .thenComparing(Comparator.naturalOrder());
            case EARLIER -> Comparator.naturalOrder();
        };
        return split(total, w, scale, ties);
    }

    /**
     * An owner split: parts of {@code total} by percentage shares that sum to exactly 100, at {@code scale}
     * decimals. Ties of the remainder go to the larger share, then the primary owner, then owner order.
     *
     * @throws IllegalArgumentException for an empty list, a null or negative share, shares not summing to 100, a
     *                                  primary index outside the list, or a total with more decimals than {@code scale}
     */
    public static List<BigDecimal> splitByShares(BigDecimal total, List<BigDecimal> sharesPercent, int primaryIndex,
                                                 int scale) {
        BigInteger[] w = integerWeights(sharesPercent);
        if (primaryIndex < 0 || primaryIndex >= w.length) {
            throw new IllegalArgumentException("primary owner index " + primaryIndex + " is outside the "
                    + w.length + " shares");
        }
        BigDecimal sum = sharesPercent.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (sum.compareTo(BigDecimal.valueOf(100)) != 0) {
            throw new IllegalArgumentException("shares must sum to 100, not " + sum.toPlainString());
        }
        Comparator<Integer> ties = Comparator.<Integer, BigInteger>comparing(i -> w[i]).reversed()
                .thenComparing(i -> i == primaryIndex ? 0 : 1)
                .thenComparing(Comparator.naturalOrder());
        return split(total, w, scale, ties);
    }

    /** {@link #allocate(BigDecimal, List, int)} at the currency's minor unit. */
    public static List<Money> allocate(Money total, List<BigDecimal> weights) {
        return allocate(total, weights, TieBreak.LARGER_WEIGHT_THEN_EARLIER);
    }

    /** {@link #allocate(BigDecimal, List, int, TieBreak)} at the currency's minor unit. */
    public static List<Money> allocate(Money total, List<BigDecimal> weights, TieBreak tieBreak) {
        Objects.requireNonNull(total, "total");
        return toMoney(allocate(total.amount(), weights, total.amount().scale(), tieBreak), total);
    }

    /** {@link #splitByShares(BigDecimal, List, int, int)} at the currency's minor unit. */
    public static List<Money> splitByShares(Money total, List<BigDecimal> sharesPercent, int primaryIndex) {
        Objects.requireNonNull(total, "total");
        return toMoney(splitByShares(total.amount(), sharesPercent, primaryIndex, total.amount().scale()), total);
    }

    private static List<Money> toMoney(List<BigDecimal> parts, Money total) {
        return parts.stream().map(p -> new Money(p, total.currency())).toList();
    }

    private static List<BigDecimal> split(BigDecimal total, BigInteger[] w, int scale, Comparator<Integer> ties) {
        BigInteger units = unitsOf(total, scale);
        BigInteger magnitude = units.abs();
        BigInteger weightSum = BigInteger.ZERO;
        for (BigInteger wi : w) {
            weightSum = weightSum.add(wi);
        }
        if (weightSum.signum() == 0) {
            throw new IllegalArgumentException("all weights are zero");
        }
        // exact share of part i in minor units = magnitude × w_i ÷ Σw = floor + remainder ÷ Σw; all remainders share
        // the denominator Σw, so comparing the integer remainders compares the dropped fractions exactly
        int n = w.length;
        BigInteger[] parts = new BigInteger[n];
        BigInteger[] remainders = new BigInteger[n];
        BigInteger assigned = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            BigInteger[] qr = magnitude.multiply(w[i]).divideAndRemainder(weightSum);
            parts[i] = qr[0];
            remainders[i] = qr[1];
            assigned = assigned.add(qr[0]);
        }
        // Σ remainders = missing × Σw and each remainder < Σw, so missing < n and only parts with a remainder get one
        int missing = magnitude.subtract(assigned).intValueExact();
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer, BigInteger>comparing(i -> remainders[i]).reversed().thenComparing(ties));
        for (int k = 0; k < missing; k++) {
            int i = order.get(k);
            parts[i] = parts[i].add(BigInteger.ONE);
        }
        List<BigDecimal> result = new ArrayList<>(n);
        for (BigInteger part : parts) {
            // a reversal is the exact negation of the original split
            result.add(new BigDecimal(units.signum() < 0 ? part.negate() : part, scale));
        }
        return List.copyOf(result);
    }

    private static BigInteger unitsOf(BigDecimal total, int scale) {
        Objects.requireNonNull(total, "total");
        if (scale < 0) {
            throw new IllegalArgumentException("scale must not be negative: " + scale);
        }
        if (total.stripTrailingZeros().scale() > scale) {
            throw new IllegalArgumentException("total " + total.toPlainString() + " has more than " + scale
                    + " decimals");
        }
        return total.setScale(scale).unscaledValue();
    }

    /** The weights as integers of one common scale, so that every ratio stays exact. */
    private static BigInteger[] integerWeights(List<BigDecimal> weights) {
        Objects.requireNonNull(weights, "weights");
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("nothing to split over: no weights");
        }
        int commonScale = 0;
        for (int i = 0; i < weights.size(); i++) {
            BigDecimal wi = weights.get(i);
            if (wi == null) {
                throw new IllegalArgumentException("weight " + i + " is missing");
            }
            if (wi.signum() < 0) {
                throw new IllegalArgumentException("weight " + i + " is negative: " + wi.toPlainString());
            }
            commonScale = Math.max(commonScale, wi.stripTrailingZeros().scale());
        }
        BigInteger[] result = new BigInteger[weights.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = weights.get(i).setScale(commonScale).unscaledValue();
        }
        return result;
    }
}
