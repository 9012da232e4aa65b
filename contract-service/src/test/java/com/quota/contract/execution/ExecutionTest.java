package com.quota.contract.execution;

import com.quota.contract.rules.RuleViolation;
import com.quota.money.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/** Milestone weights → percent complete; payments against the value → collection rate and overdue receivables. */
class ExecutionTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    static Money cny(String amount) {
        return Money.of(amount, "CNY");
    }

    static Milestone milestone(String name, int weight, LocalDate due, LocalDate done) {
        return new Milestone(UUID.randomUUID(), name, weight, due, done);
    }

    static Payment payment(String amount) {
        return new Payment(UUID.randomUUID(), cny(amount), DAY, null, null, "erp", null, Instant.EPOCH);
    }

    @Test
    void weightsMustSumToOneHundred() {
        assertThatThrownBy(() -> Execution.requireValidMilestones(List.of(milestone("a", 60, DAY, null), milestone("b", 30, DAY, null))))
                .isInstanceOfSatisfying(RuleViolation.class, v -> {
                    assertThat(v.slug()).isEqualTo("milestone-weights-invalid");
                    assertThat(v.properties()).containsEntry("weightSum", 90);
                });
        assertThatThrownBy(() -> Execution.requireValidMilestones(List.of(milestone("a", 0, DAY, null), milestone("b", 100, DAY, null))))
                .isInstanceOf(RuleViolation.class);
        assertThat(Execution.requireValidMilestones(List.of(milestone("a", 30, DAY, null), milestone("b", 70, DAY, null)))).hasSize(2);
    }

    @Test
    void percentCompleteIsTheWeightOfCompletedMilestonesAndNullWithoutMilestones() {
        List<Milestone> plan = List.of(milestone("delivery", 30, DAY, DAY), milestone("install", 45, DAY.plusDays(10), DAY),
                milestone("acceptance", 25, DAY.plusDays(30), null));
        assertThat(Execution.percentComplete(plan)).isEqualByComparingTo("75.00");
        assertThat(Execution.percentComplete(List.of())).isNull();
    }

    @Test
    void overdueMilestonesAreOpenAndDueBeforeTheDay() {
        Milestone late = milestone("late", 50, DAY.minusDays(1), null);
        List<Milestone> plan = List.of(late, milestone("done", 25, DAY.minusDays(5), DAY), milestone("today", 25, DAY, null));
        assertThat(Execution.overdueMilestones(plan, DAY)).containsExactly(late);
    }

    @Test
    void aPaymentOverTheOutstandingValueIsRefused() {
        List<Payment> paid = List.of(payment("700.00"));
        assertThatThrownBy(() -> Execution.requirePayable(cny("300.01"), cny("1000.00"), paid))
                .isInstanceOfSatisfying(RuleViolation.class, v -> {
                    assertThat(v.slug()).isEqualTo("payment-exceeds-outstanding");
                    assertThat(v.properties()).containsEntry("outstanding", "300.00");
                });
        Execution.requirePayable(cny("300.00"), cny("1000.00"), paid);
        assertThatThrownBy(() -> Execution.requirePayable(Money.of("1.00", "USD"), cny("1000.00"), paid))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.slug()).isEqualTo("currency-mismatch"));
        assertThatThrownBy(() -> Execution.requirePayable(cny("0.00"), cny("1000.00"), paid)).isInstanceOf(RuleViolation.class);
    }

    @Test
    void collectionRateIsCollectedOverValueAndNullForAZeroValue() {
        assertThat(Execution.collectionRate(cny("366700.00"), cny("386000.00"))).isEqualByComparingTo("95.00");
        assertThat(Execution.collectionRate(cny("1.00"), cny("3.00"))).isEqualByComparingTo("33.33");
        assertThat(Execution.collectionRate(cny("0.00"), cny("0.00"))).isNull();
    }

    @Test
    void overdueReceivablesAreWhatFellDueBeforeTheDayLessWhatWasCollected() {
        List<Instalment> plan = List.of(new Instalment(UUID.randomUUID(), DAY.minusDays(30), cny("300.00")),
                new Instalment(UUID.randomUUID(), DAY.minusDays(1), cny("300.00")),
                new Instalment(UUID.randomUUID(), DAY, cny("400.00")));
        assertThat(Execution.overdueReceivables(plan, cny("250.00"), DAY)).isEqualTo(cny("350.00"));
        assertThat(Execution.overdueReceivables(plan, cny("800.00"), DAY)).isEqualTo(cny("0.00"));
    }

    @Test
    void aPaymentPlanNeverExceedsTheValue() {
        assertThatThrownBy(() -> Execution.requireValidPlan(List.of(new Instalment(UUID.randomUUID(), DAY, cny("600.00")),
                new Instalment(UUID.randomUUID(), DAY, cny("400.01"))), cny("1000.00")))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.slug()).isEqualTo("payment-plan-exceeds-value"));
    }

    @Test
    void acceptedPaymentsNeverTakeCollectedAboveTheValue() {
        qt().forAll(integers().between(0, 1_000_000), lists().of(integers().between(1, 400_000)).ofSizeBetween(1, 20))
                .checkAssert((valueCents, attempts) -> {
                    Money value = Money.of(BigDecimal.valueOf(valueCents, 2), java.util.Currency.getInstance("CNY"));
                    List<Payment> accepted = new ArrayList<>();
                    for (int cents : attempts) {
                        Money amount = Money.of(BigDecimal.valueOf(cents, 2), java.util.Currency.getInstance("CNY"));
                        try {
                            Execution.requirePayable(amount, value, accepted);
                            accepted.add(new Payment(UUID.randomUUID(), amount, DAY, null, null, "erp", null, Instant.EPOCH));
                        } catch (RuleViolation refused) {
                            assertThat(refused.slug()).isEqualTo("payment-exceeds-outstanding");
                        }
                    }
                    Money collected = Execution.collected(accepted, value);
                    assertThat(collected.compareTo(value)).isLessThanOrEqualTo(0);
                    BigDecimal rate = Execution.collectionRate(collected, value);
                    if (value.isZero()) {
                        assertThat(rate).isNull();
                    } else {
                        assertThat(rate).isBetween(BigDecimal.ZERO, new BigDecimal("100.00"));
                    }
                });
    }
}
