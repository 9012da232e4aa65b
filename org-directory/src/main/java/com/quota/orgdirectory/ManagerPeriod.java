package com.quota.orgdirectory;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** One person managing a unit for a period (validTo inclusive, null while open). */
public record ManagerPeriod(UUID repId, LocalDate validFrom, LocalDate validTo) implements DatedPeriod {

    public ManagerPeriod {
        Objects.requireNonNull(repId, "repId");
        DatedPeriod.check(validFrom, validTo, "management by rep " + repId);
    }
}
