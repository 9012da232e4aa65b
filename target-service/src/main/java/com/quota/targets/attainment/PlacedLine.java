package com.quota.targets.attainment;

import java.util.List;
import java.util.UUID;

/** A credit line with the units it rolls up to: the rep's unit and its ancestors on the credit date, nearest first. */
public record PlacedLine(CreditLine line, List<UUID> units) {

    public PlacedLine {
        units = List.copyOf(units);
    }
}
