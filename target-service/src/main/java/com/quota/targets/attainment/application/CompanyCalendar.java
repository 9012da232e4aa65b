package com.quota.targets.attainment.application;

import com.quota.calendar.FiscalCalendar;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;

/**
 * The company's calendar as attainment needs it: fiscal calendar, time zone (business dates) and reporting currency.
 * Read from {@code quota.company.*}, the same keys api-conventions' CompanySettings binds.
 */
public record CompanyCalendar(FiscalCalendar fiscal, ZoneId zone, Currency reportingCurrency, Clock clock) {

    /** Today in the company's time zone. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }
}
