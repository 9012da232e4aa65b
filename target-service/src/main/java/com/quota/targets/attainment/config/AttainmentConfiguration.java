package com.quota.targets.attainment.config;

import com.quota.api.company.CompanyClock;
import com.quota.api.company.CompanySettings;
import com.quota.calendar.FiscalCalendar;
import com.quota.targets.attainment.application.CompanyCalendar;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wires attainment: the company calendar from api-conventions' company beans; scheduling for the daily pace run. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class AttainmentConfiguration {

    @Bean
    CompanyCalendar attainmentCompanyCalendar(CompanySettings company, FiscalCalendar fiscalCalendar, CompanyClock clock) {
        return new CompanyCalendar(fiscalCalendar, company.timeZone(), company.reportingCurrency(), clock.clock());
    }
}
