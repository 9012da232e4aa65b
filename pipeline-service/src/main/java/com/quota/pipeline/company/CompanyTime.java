package com.quota.pipeline.company;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;

/** Today in the company time zone, the current instant, and the reporting currency. */
public record CompanyTime(Clock clock, ZoneId zone, Currency reportingCurrency) {

    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    public Instant now() {
        return clock.instant();
    }

    /** The business date of an instant. */
    public LocalDate dateOf(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }
}
