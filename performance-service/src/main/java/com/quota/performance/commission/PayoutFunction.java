package com.quota.performance.commission;

import com.quota.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * f(c): the payout a plan owes on cumulative credit c in its period, against a quota. Exact decimal arithmetic with one
 * HALF_EVEN rounding to the currency's minor unit, then the cap. No credit (c ≤ 0) or no quota pays nothing.
 * Every statement line pays f(after) − f(before), so the lines of a period always sum to f(period total).
 */
public final class PayoutFunction {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** Rates shown on statement lines (INTERPOLATED rates are not always finite decimals). */
    public static final int RATE_SCALE = 4;

    private final CommissionPlan plan;
    private final Money quota;

    /** @param quota the quota of the plan period (the TARGET level); null or zero when none is in force */
    public PayoutFunction(CommissionPlan plan, Money quota) {
        this.plan = plan;
        this.quota = quota;
    }

    public Money quota() {
        return quota;
    }

    private boolean hasQuota() {
        return quota != null && quota.isPositive();
    }

    /** f(c). */
    public Money payout(Money cumulative) {
        if (!hasQuota() || cumulative.signum() <= 0) {
            return Money.zero(plan.currency());
        }
        BigDecimal c = cumulative.amount();
        BigDecimal q = quota.amount();
        int scale = Money.minorUnitDigits(plan.currency());
        BigDecimal exact = switch (plan.mode()) {
            case STEP -> step(c, q);
            case WHOLE -> tierAt(cumulative).ratePercent().multiply(c).movePointLeft(2);
            case INTERPOLATED -> null;
        };
        BigDecimal rounded = exact != null
                ? exact.setScale(scale, RoundingMode.HALF_EVEN)
                : interpolatedPayout(c, q, scale);
        Money payout = Money.of(rounded, plan.currency());
        return plan.cap() != null && payout.compareTo(plan.cap()) > 0 ? plan.cap() : payout;
    }

    /**
     * The tier the attainment of c falls in: for INTERPOLATED plans the segment between the anchors around it (below the
     * first: [0, first); above the last: open), with the rate at c. Null without a quota.
     */
    public Tier tierAt(Money cumulative) {
        if (!hasQuota()) {
            return null;
        }
        if (plan.mode() == PlanMode.INTERPOLATED) {
            return segmentAt(cumulative);
        }
        // compare c × 100 with bound × quota instead of dividing, so a boundary is never blurred by rounding
        BigDecimal c100 = cumulative.amount().multiply(HUNDRED);
        BigDecimal q = quota.amount();
        List<Tier> tiers = plan.tiers();
        for (Tier tier : tiers) {
            if (tier.toPercent() == null || c100.compareTo(tier.toPercent().multiply(q)) < 0) {
                return tier;
            }
        }
        return tiers.get(tiers.size() - 1);
    }

    /**
     * The rate in percent at cumulative credit c: the tier's rate (STEP: the marginal rate, WHOLE: the rate on
     * everything) or the interpolated rate at 4 decimals; null without a quota.
     */
    public BigDecimal rateAt(Money cumulative) {
        if (!hasQuota()) {
            return null;
        }
        if (plan.mode() != PlanMode.INTERPOLATED) {
            return tierAt(cumulative).ratePercent();
        }
        BigDecimal[] fraction = interpolatedRate(cumulative.amount(), quota.amount());
        return fraction[0].divide(fraction[1], RATE_SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    private Tier segmentAt(Money cumulative) {
        BigDecimal c100 = cumulative.amount().multiply(HUNDRED);
        BigDecimal q = quota.amount();
        BigDecimal rate = rateAt(cumulative);
        BigDecimal from = BigDecimal.ZERO;
        for (RateAnchor anchor : plan.anchors()) {
            if (c100.compareTo(anchor.attainmentPercent().multiply(q)) < 0) {
                return new Tier(from, anchor.attainmentPercent(), rate);
            }
            from = anchor.attainmentPercent();
        }
        return new Tier(from, null, rate);
    }

    /** STEP: Σ rate × the part of c inside each tier (like tax brackets). */
    private BigDecimal step(BigDecimal c, BigDecimal q) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Tier tier : plan.tiers()) {
            BigDecimal lower = tier.fromPercent().multiply(q).movePointLeft(2);
            if (c.compareTo(lower) <= 0) {
                break;
            }
            BigDecimal upper = tier.toPercent() == null ? c : c.min(tier.toPercent().multiply(q).movePointLeft(2));
            sum = sum.add(tier.ratePercent().multiply(upper.subtract(lower)).movePointLeft(2));
        }
        return sum;
    }

    /** INTERPOLATED: c × rate(c) ÷ 100 with the rate as an exact fraction, so only the final payout is rounded. */
    private BigDecimal interpolatedPayout(BigDecimal c, BigDecimal q, int scale) {
        BigDecimal[] rate = interpolatedRate(c, q);
        return c.multiply(rate[0]).divide(rate[1].multiply(HUNDRED), scale, RoundingMode.HALF_EVEN);
    }

    /**
     * The rate in percent at c as {numerator, denominator}: 0 below the first anchor (it is the threshold), the last
     * anchor's rate above the last, linear between neighbours:
     * r = r_i + (100c/q − a_i)(r_{i+1} − r_i)/(a_{i+1} − a_i).
     */
    private BigDecimal[] interpolatedRate(BigDecimal c, BigDecimal q) {
        List<RateAnchor> anchors = plan.anchors();
        BigDecimal c100 = c.multiply(HUNDRED);
        RateAnchor first = anchors.get(0);
        if (c100.compareTo(first.attainmentPercent().multiply(q)) < 0) {
            return new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ONE};
        }
        for (int i = 0; i < anchors.size() - 1; i++) {
            RateAnchor low = anchors.get(i);
            RateAnchor high = anchors.get(i + 1);
            if (c100.compareTo(high.attainmentPercent().multiply(q)) < 0) {
                BigDecimal span = high.attainmentPercent().subtract(low.attainmentPercent());
                BigDecimal numerator = low.ratePercent().multiply(span).multiply(q)
                        .add(c100.subtract(low.attainmentPercent().multiply(q))
                                .multiply(high.ratePercent().subtract(low.ratePercent())));
                return new BigDecimal[] {numerator, q.multiply(span)};
            }
        }
        return new BigDecimal[] {anchors.get(anchors.size() - 1).ratePercent(), BigDecimal.ONE};
    }
}
