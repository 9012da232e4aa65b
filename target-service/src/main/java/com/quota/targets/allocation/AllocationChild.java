package com.quota.targets.allocation;

import java.math.BigDecimal;

/**
 * One child of an allocation, in request order.
 *
 * @param ratio      its weight for {@code RATIO} (ignored otherwise)
 * @param history    its actual in the reference period for {@code HISTORY}; null or zero means no history (newcomer)
 * @param adjustment a fraction, e.g. 0.05 for +5% or -0.10 for −10%; null means none
 */
public record AllocationChild(BigDecimal ratio, BigDecimal history, BigDecimal adjustment) {

    public static AllocationChild ofRatio(String ratio) {
        return new AllocationChild(new BigDecimal(ratio), null, null);
    }

    public static AllocationChild ofRatio(String ratio, String adjustment) {
        return new AllocationChild(new BigDecimal(ratio), null, new BigDecimal(adjustment));
    }

    public static AllocationChild ofHistory(BigDecimal history) {
        return new AllocationChild(null, history, null);
    }

    public static AllocationChild equalShare() {
        return new AllocationChild(null, null, null);
    }

    BigDecimal adjustmentOrZero() {
        return adjustment == null ? BigDecimal.ZERO : adjustment;
    }
}
