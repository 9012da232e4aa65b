package com.quota.performance.commission;

import com.quota.money.Money;
import com.quota.performance.rules.RuleViolation;

import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A commission plan: a metric, a mode with its tiers (STEP, WHOLE) or anchors (INTERPOLATED), an optional cap per
 * plan period, a clawback window in days after signing, and the dates it is in effect. Tiers start at 0 %, follow
 * each other without gap or overlap and the last is open-ended, so every attainment has exactly one tier.
 */
public record CommissionPlan(UUID id, String name, CommissionMetric metric, PlanMode mode, PlanPeriod period,
                             Currency currency, List<Tier> tiers, List<RateAnchor> anchors, Money cap,
                             int clawbackWindowDays, LocalDate effectiveFrom, LocalDate effectiveTo) {

    public CommissionPlan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        RuleViolation.require(name != null && !name.isBlank(), "invalid-plan-name", "a plan needs a name");
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
        anchors = anchors == null ? List.of() : List.copyOf(anchors);
        if (mode == PlanMode.INTERPOLATED) {
            requireAnchors(tiers, anchors);
        } else {
            requireTiers(mode, tiers, anchors);
        }
        if (cap != null) {
            RuleViolation.require(!cap.isNegative(), "negative-cap", "the cap must not be negative, was " + cap.amountText());
            RuleViolation.require(cap.currency().equals(currency), "cap-currency",
                    "the cap must be in the plan's currency " + currency.getCurrencyCode());
        }
        RuleViolation.require(clawbackWindowDays >= 0, "negative-clawback-window", "the clawback window must not be negative");
        RuleViolation.require(effectiveTo == null || !effectiveTo.isBefore(effectiveFrom), "invalid-effective-dates",
                "effectiveTo must not be before effectiveFrom");
    }

    /** Whether the plan is in effect on a date. */
    public boolean isEffectiveOn(LocalDate date) {
        return !date.isBefore(effectiveFrom) && (effectiveTo == null || !date.isAfter(effectiveTo));
    }

    private static void requireTiers(PlanMode mode, List<Tier> tiers, List<RateAnchor> anchors) {
        RuleViolation.require(anchors.isEmpty(), "anchors-not-allowed", mode + " plans have tiers, not anchors");
        RuleViolation.require(!tiers.isEmpty(), "no-tiers", mode + " plans need at least one tier");
        RuleViolation.require(tiers.get(0).fromPercent().signum() == 0, "tiers-gap",
                "the first tier must start at 0 %, it starts at " + tiers.get(0).fromPercent().toPlainString() + " %");
        for (int i = 1; i < tiers.size(); i++) {
            Tier previous = tiers.get(i - 1);
            Tier tier = tiers.get(i);
            RuleViolation.require(previous.toPercent() != null, "tiers-overlap",
                    "tier " + i + " is open-ended but tier " + (i + 1) + " follows it");
            int cmp = tier.fromPercent().compareTo(previous.toPercent());
            RuleViolation.require(cmp <= 0, "tiers-gap", "tiers leave a gap between "
                    + previous.toPercent().toPlainString() + " % and " + tier.fromPercent().toPlainString() + " %");
            RuleViolation.require(cmp >= 0, "tiers-overlap", "tiers overlap between "
                    + tier.fromPercent().toPlainString() + " % and " + previous.toPercent().toPlainString() + " %");
        }
        Tier last = tiers.get(tiers.size() - 1);
        if (!last.isOpenEnded()) {
            throw RuleViolation.unprocessable("tiers-gap", "the last tier must be open-ended, or attainment above "
                    + last.toPercent().toPlainString() + " % has no rate");
        }
    }

    private static void requireAnchors(List<Tier> tiers, List<RateAnchor> anchors) {
        RuleViolation.require(tiers.isEmpty(), "tiers-not-allowed", "INTERPOLATED plans have anchors, not tiers");
        RuleViolation.require(!anchors.isEmpty(), "no-anchors", "INTERPOLATED plans need at least one anchor");
        for (int i = 1; i < anchors.size(); i++) {
            RuleViolation.require(anchors.get(i).attainmentPercent().compareTo(anchors.get(i - 1).attainmentPercent()) > 0,
                    "anchors-not-increasing", "anchors must be listed by strictly increasing attainment");
        }
    }
}
