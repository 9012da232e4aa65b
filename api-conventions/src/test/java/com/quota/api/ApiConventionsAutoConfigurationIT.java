package com.quota.api;

import com.quota.api.company.CompanyClock;
import com.quota.api.company.CompanySettings;
import com.quota.api.idempotency.IdempotentCreates;
import com.quota.calendar.FiscalCalendar;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;

/** What a service gets from the auto-configuration, and what it can change. */
class ApiConventionsAutoConfigurationIT {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApiConventionsAutoConfiguration.class));

    @Test
    void theCompanyDefaultsToShanghaiJanuaryAndCny() {
        runner.run(context -> {
            CompanySettings company = context.getBean(CompanySettings.class);
            assertThat(company.timeZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
            assertThat(company.fiscalYearStartMonth()).isEqualTo(Month.JANUARY);
            assertThat(company.reportingCurrency()).isEqualTo(Currency.getInstance("CNY"));
            assertThat(context.getBean(Clock.class).getZone()).isEqualTo(ZoneOffset.UTC);
            assertThat(context.getBean(FiscalCalendar.class).startMonth()).isEqualTo(Month.JANUARY);
        });
    }

    @Test
    void theCompanyIsConfiguredAndAClockOfTheApplicationIsUsed() {
        Clock fixed = Clock.fixed(Instant.parse("2026-06-30T20:00:00Z"), ZoneOffset.UTC);
        runner.withBean(Clock.class, () -> fixed)
                .withPropertyValues("quota.company.time-zone=America/New_York",
                        "quota.company.fiscal-year-start-month=APRIL", "quota.company.reporting-currency=USD")
                .run(context -> {
                    assertThat(context.getBean(CompanySettings.class).fiscalYearStartMonth()).isEqualTo(Month.APRIL);
                    assertThat(context.getBean(FiscalCalendar.class).fiscalYearOf(LocalDate.of(2026, 4, 1))).isEqualTo(2027);
                    assertThat(context.getBean(CompanySettings.class).reportingCurrency().getCurrencyCode()).isEqualTo("USD");
                    assertThat(context.getBean(Clock.class)).isSameAs(fixed);
                    assertThat(context.getBean(CompanyClock.class).today()).isEqualTo(LocalDate.of(2026, 6, 30));
                });
    }

    @Test
    void withoutADatabaseThereAreNoDatabaseHelpers() {
        runner.run(context -> assertThat(context).doesNotHaveBean(IdempotentCreates.class));
    }
}
