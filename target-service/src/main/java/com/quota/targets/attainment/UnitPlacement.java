package com.quota.targets.attainment;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Where a rep sits in the org tree on a date: their unit first, then its ancestors up to the root. */
@FunctionalInterface
public interface UnitPlacement {

    /** The rep's unit and its ancestors on {@code on}, nearest first; empty when the rep is in no unit that day. */
    List<UUID> unitsAbove(UUID repId, LocalDate on);
}
