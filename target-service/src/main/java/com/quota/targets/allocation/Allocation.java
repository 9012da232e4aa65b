package com.quota.targets.allocation;

import java.math.BigDecimal;
import java.util.List;

/**
 * The result of allocating one amount: the parts in child order, the intended total they sum to exactly, and the
 * allocation gap = Σ parts − parent amount (zero unless {@code ADDITIVE} adjustments stretch or shrink it).
 */
public record Allocation(BigDecimal parentAmount, List<BigDecimal> parts, BigDecimal intendedTotal, BigDecimal gap) {

    public Allocation {
        parts = List.copyOf(parts);
    }
}
