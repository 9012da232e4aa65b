package com.quota.api.company;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The one clock of the service, read in the company's time zone: "today" is today where the company is. */
public final class CompanyClock {

    private final Clock clock;
    private final ZoneId zone;

    public CompanyClock(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    /** Today's date in the company time zone. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /** The current instant (timestamps are UTC instants). */
    public Instant now() {
        return clock.instant();
    }

    /** The company time zone. */
    public ZoneId zone() {
        return zone;
    }

    /** The underlying clock. */
    public Clock clock() {
        return clock;
    }
}
