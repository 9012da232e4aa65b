package com.quota.targets.attainment;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

/** One owner of a deal and their share of its credit in percent. */
public record OwnerShare(UUID repId, BigDecimal splitPercent, boolean primary) {

    public OwnerShare {
        Objects.requireNonNull(repId, "repId");
        Objects.requireNonNull(splitPercent, "splitPercent");
    }
}
