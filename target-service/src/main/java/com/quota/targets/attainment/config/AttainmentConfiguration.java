package com.quota.targets.attainment.config;

import com.quota.api.company.CompanyClock;
import com.quota.api.company.CompanySettings;
import com.quota.calendar.FiscalCalendar;
import com.quota.targets.attainment.application.CompanyCalendar;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires attainment: the company calendar from api-conventions' company beans. */
@Configuration(proxyBeanMethods = false)
public class AttainmentConfiguration {

    @Bean
    CompanyCalendar attainmentCompanyCalendar(CompanySettings company, FiscalCalendar fiscalCalendar, CompanyClock clock) {
        return new CompanyCalendar(fiscalCalendar, company.timeZone(), company.reportingCurrency(), clock.clock());
    }
}
