package com.quota.targets.definition.persistence;

import com.quota.targets.definition.Dimensions;
import com.quota.targets.definition.Metric;
import com.quota.targets.definition.OwnerType;

import java.util.Currency;
import java.util.UUID;

/** A stored target (without its versions). {@code version} is the optimistic lock, {@code currentVersion} the newest version number. */
public record TargetRow(UUID id, String externalRef, int fiscalYear, Metric metric, OwnerType ownerType, UUID ownerId,
                        Dimensions dimensions, String currency, UUID parentTargetId, int currentVersion, long version) {

    /** Decimal places of the amounts. */
    public int scale() {
        return metric.scale(currency == null ? Currency.getInstance("CNY") : Currency.getInstance(currency));
    }
}
