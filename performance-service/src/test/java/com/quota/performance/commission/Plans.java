package com.quota.performance.commission;

import com.quota.money.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/** Plans of the DOMAIN.md examples. */
final class Plans {

    static final Currency CNY = Currency.getInstance("CNY");

    private Plans() {
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    static Money cny(String amount) {
        return Money.of(amount, "CNY");
    }

    /** 0–50 %: 0, 50–100 %: 4 %, above: 6 %. */
    static List<Tier> domainTiers() {
        return List.of(new Tier(d("0"), d("50"), d("0")), new Tier(d("50"), d("100"), d("4")), new Tier(d("100"), null, d("6")));
    }

    static CommissionPlan tiered(PlanMode mode, Money cap) {
        return new CommissionPlan(UUID.randomUUID(), mode + " plan", CommissionMetric.BOOKINGS, mode, PlanPeriod.YEAR, CNY,
                domainTiers(), List.of(), cap, 90, LocalDate.of(2026, 1, 1), null);
    }

    /** Anchors (50 %, 2 %), (100 %, 5 %), (150 %, 8 %). */
    static CommissionPlan interpolated(Money cap) {
        return new CommissionPlan(UUID.randomUUID(), "interpolated plan", CommissionMetric.BOOKINGS, PlanMode.INTERPOLATED,
                PlanPeriod.YEAR, CNY, List.of(), List.of(new RateAnchor(d("50"), d("2")), new RateAnchor(d("100"), d("5")),
                new RateAnchor(d("150"), d("8"))), cap, 90, LocalDate.of(2026, 1, 1), null);
    }
}
