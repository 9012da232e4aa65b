package com.quota.orgdirectory;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** A rep's membership of one unit for a period (validTo inclusive, null while open). */
public record MembershipPeriod(UUID unitId, LocalDate validFrom, LocalDate validTo) implements DatedPeriod {

    public MembershipPeriod {
        Objects.requireNonNull(unitId, "unitId");
        DatedPeriod.check(validFrom, validTo, "membership of unit " + unitId);
    }
}
