package com.quota.api.testapp;

import com.quota.api.company.AsOf;
import com.quota.api.company.CompanyClock;
import com.quota.api.company.PeriodKeys;
import com.quota.calendar.DateRange;
import com.quota.calendar.FiscalCalendar;
import com.quota.calendar.PeriodKey;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** The company clock and {@code asOf} through the real stack. */
@RestController
public class CompanyController {

    private final CompanyClock clock;
    private final FiscalCalendar calendar;

    CompanyController(CompanyClock clock, FiscalCalendar calendar) {
        this.clock = clock;
        this.calendar = calendar;
    }

    @GetMapping("/api/company/periods/{key}")
    Map<String, Object> period(@PathVariable String key) {
        PeriodKey period = PeriodKeys.parse(key);
        DateRange range = calendar.range(period);
        return Map.of("key", period.toString(), "first", range.first().toString(), "last", range.last().toString());
    }

    @GetMapping("/api/company/periods")
    Map<String, Object> periodsContaining(@RequestParam(required = false) String asOf) {
        return Map.of("periods", calendar.periodsContaining(AsOf.parse(asOf, clock)).stream().map(PeriodKey::toString).toList());
    }

    @GetMapping("/api/company/as-of")
    Map<String, Object> asOf(@RequestParam(required = false) String asOf) {
        return Map.of("asOf", AsOf.parse(asOf, clock).toString(), "today", clock.today().toString());
    }
}
