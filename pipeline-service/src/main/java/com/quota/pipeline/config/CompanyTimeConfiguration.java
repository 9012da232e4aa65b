package com.quota.pipeline.config;

import com.quota.pipeline.company.CompanyTime;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Currency;

/** The company's time zone and reporting currency (the {@code quota.company.*} settings every service shares). */
@Configuration(proxyBeanMethods = false)
class CompanyTimeConfiguration {

    @Bean
    CompanyTime companyTime(ObjectProvider<Clock> clock,
                            @Value("${quota.company.time-zone:Asia/Shanghai}") ZoneId zone,
                            @Value("${quota.company.reporting-currency:CNY}") Currency reportingCurrency) {
        return new CompanyTime(clock.getIfAvailable(Clock::systemUTC), zone, reportingCurrency);
    }
}
