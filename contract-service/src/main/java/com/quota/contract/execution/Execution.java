package com.quota.contract.execution;

import com.quota.contract.rules.RuleViolation;
import com.quota.money.Money;
import com.quota.money.Percentages;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The arithmetic of execution: milestone weights → percent complete; payments against value → collection rate. */
public final class Execution {

    private Execution() {
    }

    /** Refuses (422 {@code milestone-weights-invalid}) milestones whose weights are not positive or do not sum to 100. */
    public static List<Milestone> requireValidMilestones(List<Milestone> milestones) {
        if (milestones.isEmpty()) {
            throw RuleViolation.unprocessable("milestone-weights-invalid", "a milestone plan needs at least one milestone");
        }
        Set<String> names = new HashSet<>();
        Set<UUID> ids = new HashSet<>();
        int sum = 0;
        for (Milestone milestone : milestones) {

            if (milestone.weight() <= 0 || milestone.weight() > 100) {
                throw RuleViolation.unprocessable("milestone-weights-invalid",
                        "milestone '" + milestone.name() + "' has weight " + milestone.weight() + "; weights are 1..100");
            }
            if (!names.add(milestone.name())) {
                throw RuleViolation.unprocessable("milestone-names-not-unique", "milestone name '" + milestone.name() + "' appears twice");
            }            if (!ids.add(milestone.id())) {
                throw RuleViolation.unprocessable("milestone-ids-not-unique", "milestone id " + milestone.id() + " appears twice");
            }
            sum += milestone.weight();
        }
        if (sum != 100) {
            throw new RuleViolation(RuleViolation.Kind.UNPROCESSABLE, "milestone-weights-invalid",
                    "milestone weights sum to " + sum + ", not 100", Map.of("weightSum", sum));
        }
        return List.copyOf(milestones);
    }

    /** Σ weights of completed milestones, as a percent with 2 decimals; null without milestones. */
    public static BigDecimal percentComplete(List<Milestone> milestones) {
        if (milestones.isEmpty()) {
            return null;
        }
        int done = milestones.stream().filter(Milestone::isCompleted).mapToInt(Milestone::weight).sum();
        return Percentages.percent(BigDecimal.valueOf(done), BigDecimal.valueOf(100));
    }

    /** Refuses a plan whose instalments are not positive, in another currency, or sum above the value. */
    public static List<Instalment> requireValidPlan(List<Instalment> instalments, Money value) {
        Money sum = Money.zero(value.currency());
        for (Instalment instalment : instalments) {
            requireSameCurrency(instalment.amount(), value);
            if (instalment.amount().signum() <= 0) {
                throw RuleViolation.unprocessable("payment-plan-invalid", "every instalment must be above zero");
            }
            sum = sum.plus(instalment.amount());
        }
        if (sum.compareTo(value) > 0) {
            throw new RuleViolation(RuleViolation.Kind.UNPROCESSABLE, "payment-plan-exceeds-value",
                    "instalments sum to " + sum.amountText() + ", above the contract value " + value.amountText(),
                    Map.of("planTotal", sum.amountText(), "value", value.amountText()));
        }
        return List.copyOf(instalments);
    }

    /** Σ payments. */
    public static Money collected(List<Payment> payments, Money value) {
        Money sum = Money.zero(value.currency());
        for (Payment payment : payments) {
            sum = sum.plus(payment.amount());
        }
        return sum;
    }

    /** Refuses a payment that is not positive, in another currency, or over what is still outstanding. */
    public static void requirePayable(Money amount, Money value, List<Payment> payments) {
        requireSameCurrency(amount, value);
        if (amount.signum() <= 0) {
            throw RuleViolation.unprocessable("payment-invalid", "a payment must be above zero");
        }
        Money outstanding = value.minus(collected(payments, value));
        if (amount.compareTo(outstanding) > 0) {
            throw new RuleViolation(RuleViolation.Kind.UNPROCESSABLE, "payment-exceeds-outstanding",
                    "payment " + amount.amountText() + " is more than the outstanding " + outstanding.amountText(),
                    Map.of("outstanding", outstanding.amountText()));
        }
    }

    /** collected ÷ value × 100, 2 decimals; null when the value is 0. */
    public static BigDecimal collectionRate(Money collected, Money value) {
        return Percentages.percent(collected.amount(), value.amount());
    }

    /** What the plan says should have been paid before {@code asOf} and has not been: never below zero. */
    public static Money overdueReceivables(List<Instalment> plan, Money collected, LocalDate asOf) {
        Money due = Money.zero(collected.currency());
        for (Instalment instalment : plan) {
            if (instalment.dueDate().isBefore(asOf)) {
                due = due.plus(instalment.amount());
            }
        }
        Money overdue = due.minus(collected);
        return overdue.signum() > 0 ? overdue : Money.zero(collected.currency());
    }

    /** The milestones open and due before {@code asOf}. */
    public static List<Milestone> overdueMilestones(List<Milestone> milestones, LocalDate asOf) {
        return milestones.stream().filter(m -> m.isOverdue(asOf)).toList();
    }

    /** The milestone with this id, or 404-style {@code milestone-not-found}. */
    public static Milestone milestone(List<Milestone> milestones, UUID id) {
        return milestones.stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> RuleViolation.unprocessable("milestone-not-found", "the contract has no milestone " + id));
    }

    static void requireSameCurrency(Money amount, Money value) {
        if (!amount.currency().equals(value.currency())) {
            throw RuleViolation.unprocessable("currency-mismatch",
                    "amount is in " + amount.currency() + " but the contract is in " + value.currency());
        }
    }
}
