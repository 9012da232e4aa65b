package com.quota.performance.config;

import com.quota.api.company.CompanySettings;
import com.quota.calendar.FiscalCalendar;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The company's fiscal calendar (its start month from {@code quota.company}), unless the kit provides one. */
@Configuration(proxyBeanMethods = false)
class FiscalCalendarConfiguration {

    @Bean
    @ConditionalOnMissingBean
    FiscalCalendar fiscalCalendar(CompanySettings company) {
        return new FiscalCalendar(company.fiscalYearStartMonth());
    }
}
