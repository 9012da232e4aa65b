package com.quota.pipeline.opportunity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Currency;

/**
 * A rate from the FX table: reporting-currency units per one unit of {@code from}, in force since {@code rateDate}.
 */
public record FxQuote(Currency from, Currency reportingCurrency, BigDecimal rate, LocalDate rateDate) {

    public FxQuote {
        if (rate == null || rate.signum() <= 0) {
            throw new IllegalArgumentException("an FX rate must be positive");
        }
    }

    /** The same currency: rate 1. */
    public static FxQuote identity(Currency currency, LocalDate on) {
        return new FxQuote(currency, currency, BigDecimal.ONE, on);
    }

    /** amount × rate, HALF_EVEN to the reporting currency's minor unit. */
    public BigDecimal convert(BigDecimal amount) {
        return amount.multiply(rate).setScale(reportingCurrency.getDefaultFractionDigits(), RoundingMode.HALF_EVEN);
    }
}
