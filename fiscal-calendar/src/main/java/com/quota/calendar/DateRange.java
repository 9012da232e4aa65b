package com.quota.calendar;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** The dates from {@code first} to {@code last}, both included. */
public record DateRange(LocalDate first, LocalDate last) {

    public DateRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("range ends (" + last + ") before it starts (" + first + ")");
        }
    }

    /** The number of dates in the range (a one-day range has 1). */
    public long days() {
        return ChronoUnit.DAYS.between(first, last) + 1;
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(first) && !date.isAfter(last);
    }

    /** See {@link Elapsed#elapsedFraction(DateRange, LocalDate)}. */
    public BigDecimal elapsedFraction(LocalDate asOf) {
        return Elapsed.elapsedFraction(this, asOf);
    }

    /** {@code 2026-04-01..2027-03-31}. */
    @Override
    public String toString() {
        return first + ".." + last;
    }
}
