package com.quota.targets.attainment;

import java.util.List;

/**
 * A back-dated membership change: the lines keep their amounts, but the units they roll up to change. The counter
 * deltas that move the units' figures from the stored roll-up to the new one (summed, sorted, zero sums dropped).
 */
public final class Rederivation {

    private Rederivation() {
    }

    public static List<CounterDelta> counterDeltas(List<PlacedLine> asStored, List<PlacedLine> asPlacedNow) {
        return RollUp.combine(List.of(RollUp.negate(RollUp.counterDeltas(asStored)), RollUp.counterDeltas(asPlacedNow)))
                .stream().filter(delta -> delta.amount().signum() != 0).toList();
    }
}
