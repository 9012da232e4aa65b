package com.quota.performance.commission;

import com.quota.performance.rules.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static com.quota.performance.commission.Plans.CNY;
import static com.quota.performance.commission.Plans.cny;
import static com.quota.performance.commission.Plans.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommissionPlanTest {

    private static CommissionPlan plan(PlanMode mode, List<Tier> tiers, List<RateAnchor> anchors) {
        return new CommissionPlan(UUID.randomUUID(), "p", CommissionMetric.BOOKINGS, mode, PlanPeriod.YEAR, CNY, tiers,
                anchors, null, 90, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
    }

    private static void refused(Runnable build, String slug) {
        assertThatThrownBy(build::run).isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("slug", slug)
                .hasFieldOrPropertyWithValue("kind", RuleViolation.Kind.UNPROCESSABLE);
    }

    @Test
    void overlappingTiersAreRefused() {
        refused(() -> plan(PlanMode.STEP, List.of(new Tier(d("0"), d("60"), d("0")), new Tier(d("50"), null, d("4"))), List.of()),
                "tiers-overlap");
        refused(() -> plan(PlanMode.WHOLE, List.of(new Tier(d("0"), null, d("0")), new Tier(d("50"), null, d("4"))), List.of()),
                "tiers-overlap");
    }

    @Test
    void gappedTiersAreRefused() {
        refused(() -> plan(PlanMode.STEP, List.of(new Tier(d("0"), d("50"), d("0")), new Tier(d("60"), null, d("4"))), List.of()),
                "tiers-gap");
        refused(() -> plan(PlanMode.STEP, List.of(new Tier(d("10"), null, d("4"))), List.of()), "tiers-gap");
        refused(() -> plan(PlanMode.STEP, List.of(new Tier(d("0"), d("100"), d("4"))), List.of()), "tiers-gap");
        refused(() -> plan(PlanMode.STEP, List.of(), List.of()), "no-tiers");
        refused(() -> new Tier(d("50"), d("50"), d("4")), "empty-tier");
        refused(() -> new Tier(d("0"), null, d("-1")), "negative-rate");
    }

    @Test
    void anchorsMustIncreaseAndBelongToInterpolatedPlansOnly() {
        refused(() -> plan(PlanMode.INTERPOLATED, List.of(), List.of(new RateAnchor(d("100"), d("5")), new RateAnchor(d("100"), d("6")))),
                "anchors-not-increasing");
        refused(() -> plan(PlanMode.INTERPOLATED, List.of(), List.of()), "no-anchors");
        refused(() -> plan(PlanMode.INTERPOLATED, Plans.domainTiers(), List.of(new RateAnchor(d("1"), d("1")))), "tiers-not-allowed");
        refused(() -> plan(PlanMode.STEP, Plans.domainTiers(), List.of(new RateAnchor(d("1"), d("1")))), "anchors-not-allowed");
    }

    @Test
    void aNegativeCapOrWindowAndBackwardDatesAreRefused() {
        refused(() -> Plans.tiered(PlanMode.STEP, cny("-0.01")), "negative-cap");
        refused(() -> new CommissionPlan(UUID.randomUUID(), "p", CommissionMetric.BOOKINGS, PlanMode.STEP, PlanPeriod.YEAR,
                CNY, Plans.domainTiers(), List.of(), null, -1, LocalDate.of(2026, 1, 1), null), "negative-clawback-window");
        refused(() -> new CommissionPlan(UUID.randomUUID(), "p", CommissionMetric.BOOKINGS, PlanMode.STEP, PlanPeriod.YEAR,
                CNY, Plans.domainTiers(), List.of(), null, 90, LocalDate.of(2026, 1, 1), LocalDate.of(2025, 12, 31)),
                "invalid-effective-dates");
    }

    @Test
    void aPlanIsEffectiveBetweenItsDatesInclusive() {
        CommissionPlan plan = plan(PlanMode.STEP, Plans.domainTiers(), List.of());
        assertThat(plan.isEffectiveOn(LocalDate.of(2026, 1, 1))).isTrue();
        assertThat(plan.isEffectiveOn(LocalDate.of(2026, 12, 31))).isTrue();
        assertThat(plan.isEffectiveOn(LocalDate.of(2027, 1, 1))).isFalse();
        assertThat(plan.isEffectiveOn(LocalDate.of(2025, 12, 31))).isFalse();
    }
}
