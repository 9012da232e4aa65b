package com.quota.targets.config;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** Today's business date in the company time zone (the default of every {@code asOf} and effective date). */
@Component
public class CompanyToday {

    private final ZoneId zone;
    private final Clock clock = Clock.systemUTC();

    CompanyToday(@Value("${quota.company.time-zone:Asia/Shanghai}") ZoneId zone) {
        this.zone = zone;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /** The date of an optional {@code asOf}/effective parameter: null means today. */
    public LocalDate orToday(LocalDate date) {
        return date != null ? date : today();
    }
}
