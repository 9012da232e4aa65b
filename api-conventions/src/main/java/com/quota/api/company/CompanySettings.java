package com.quota.api.company;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Month;
import java.time.ZoneId;
import java.util.Currency;

/**
 * {@code quota.company.*}: the one company of a deployment — its time zone (business dates are dates there), the month
 * its fiscal year starts, and the currency it reports in.
 *
 * @param timeZone             time zone of business dates ("today", the default {@code asOf})
 * @param fiscalYearStartMonth first month of the fiscal year (a fiscal year is named by the calendar year it ends in)
 * @param reportingCurrency    currency of reported figures
 */
@ConfigurationProperties("quota.company")
public record CompanySettings(
        @DefaultValue("Asia/Shanghai") ZoneId timeZone,
        @DefaultValue("JANUARY") Month fiscalYearStartMonth,
        @DefaultValue("CNY") Currency reportingCurrency) {
}
