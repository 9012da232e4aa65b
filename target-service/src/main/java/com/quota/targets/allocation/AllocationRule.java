package com.quota.targets.allocation;

import com.quota.targets.definition.RuleViolation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The weights and adjustments of one top-down allocation: method, adjustment mode, the children in request order and,
 * for {@code HISTORY}, the floor amount a child without history gets as its weight.
 */
public record AllocationRule(AllocationMethod method, AdjustmentMode mode, List<AllocationChild> children,
                             BigDecimal newcomerFloor) {

    public AllocationRule {
        Objects.requireNonNull(method, "method");
        mode = mode == null ? AdjustmentMode.NORMALIZED : mode;
        children = List.copyOf(children);
        newcomerFloor = newcomerFloor == null ? BigDecimal.ZERO : newcomerFloor;
    }

    public static AllocationRule of(AllocationMethod method, AdjustmentMode mode, List<AllocationChild> children) {
        return new AllocationRule(method, mode, children, BigDecimal.ZERO);
    }

    /** The base weights w_i by method (before adjustments); rejects what cannot be allocated. */
    public List<BigDecimal> baseWeights() {
        if (children.isEmpty()) {
            throw new RuleViolation("no-children", "an allocation needs at least one child");
        }
        if (newcomerFloor.signum() < 0) {
            throw new RuleViolation("negative-weight", "the newcomer floor must not be negative");
        }
        List<BigDecimal> weights = new ArrayList<>(children.size());
        for (int i = 0; i < children.size(); i++) {
            AllocationChild child = children.get(i);
            BigDecimal weight = switch (method) {
                case EQUAL -> BigDecimal.ONE;
                case RATIO -> {
                    if (child.ratio() == null) {
                        throw new RuleViolation("missing-weight", "child " + i + " has no ratio");
                    }
                    yield child.ratio();
                }
                case HISTORY -> child.history() == null || child.history().signum() == 0 ? newcomerFloor : child.history();
            };
            if (weight.signum() < 0) {
                throw new RuleViolation("negative-weight", "child " + i + " has a negative weight " + weight.toPlainString());
            }
            if (child.adjustmentOrZero().compareTo(BigDecimal.ONE.negate()) < 0) {
                throw new RuleViolation("adjustment-below-minus-100", "child " + i + " has an adjustment below -100%");
            }
            weights.add(weight);
        }
        if (weights.stream().allMatch(w -> w.signum() == 0)) {
            throw new RuleViolation("weights-all-zero", "all weights are zero: nothing to allocate by");
        }
        return weights;
    }

    /** The weights after adjustments, w_i × (1 + a_i): the shares both modes split by. */
    List<BigDecimal> adjustedWeights() {
        List<BigDecimal> base = baseWeights();
        List<BigDecimal> adjusted = new ArrayList<>(base.size());
        for (int i = 0; i < base.size(); i++) {
            adjusted.add(base.get(i).multiply(BigDecimal.ONE.add(children.get(i).adjustmentOrZero())));
        }
        if (adjusted.stream().allMatch(w -> w.signum() == 0)) {
            throw new RuleViolation("weights-all-zero", "all weights are zero after adjustments");
        }
        return adjusted;
    }
}
