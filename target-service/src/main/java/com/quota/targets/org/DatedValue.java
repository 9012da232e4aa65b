package com.quota.targets.org;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** A value (a unit, a parent, a manager) held from a first day to a last day, both inclusive; {@code to} null while open. */
public record DatedValue(UUID value, LocalDate from, LocalDate to) {

    public DatedValue {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(from, "from");
        if (to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("period ends " + to + " before it starts " + from);
        }
    }

    public boolean covers(LocalDate day) {
        return !day.isBefore(from) && (to == null || !day.isAfter(to));
    }

    public boolean overlaps(DatedValue other) {
        return (other.to == null || !from.isAfter(other.to)) && (to == null || !other.from.isAfter(to));
    }
}
