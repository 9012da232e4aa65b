package com.quota.orgdirectory;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** A unit's parent for a period (validTo inclusive, null while open). */
public record ParentPeriod(UUID parentId, LocalDate validFrom, LocalDate validTo) implements DatedPeriod {

    public ParentPeriod {
        Objects.requireNonNull(parentId, "parentId");
        DatedPeriod.check(validFrom, validTo, "parent link to " + parentId);
    }
}
