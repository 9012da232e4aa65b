package com.quota.contract.usecases;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.ZoneId;
import java.util.Currency;

/** The company facts contract-service needs: its time zone (business dates) and reporting currency. */
@ConfigurationProperties("quota.company")
public record CompanyFacts(@DefaultValue("Asia/Shanghai") ZoneId timeZone, @DefaultValue("CNY") Currency reportingCurrency) {
}
