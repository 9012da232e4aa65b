package com.quota.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/** An amount of one currency, always held at that currency's minor unit (CNY/USD 2 decimals, JPY 0). */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        // one scale per currency, so equals/hashCode and amountText() never depend on how the amount was written
        amount = amount.setScale(minorUnitDigits(currency), RoundingMode.HALF_EVEN);
    }

    /** {@code Money.of("12500.00", "CNY")}; a bad number or an unknown currency code is an {@link IllegalArgumentException}. */
    public static Money of(String amount, String currencyCode) {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currencyCode, "currency");
        BigDecimal value;
        try {
            value = new BigDecimal(amount.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a decimal amount: '" + amount + "'", e);
        }
        return new Money(value, currencyOf(currencyCode));
    }

    public static Money of(BigDecimal amount, Currency currency) {
        return new Money(amount, currency);
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /**
     * Like {@link #of(BigDecimal, Currency)} but refuses an amount with more decimals than the minor unit
     * (e.g. {@code 12.345 CNY}) instead of rounding it: for input that must be taken as given.
     */
    public static Money ofExact(BigDecimal amount, Currency currency) {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        int digits = minorUnitDigits(currency);
        if (amount.stripTrailingZeros().scale() > digits) {
            throw new IllegalArgumentException(amount.toPlainString() + " has more than " + digits
                    + " decimals, the minor unit of " + currency.getCurrencyCode());
        }
        return new Money(amount, currency);
    }

    /** The number of decimals of the currency's minor unit; currencies without one (e.g. XAU) are refused. */
    public static int minorUnitDigits(Currency currency) {
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            throw new IllegalArgumentException(currency.getCurrencyCode() + " has no minor unit; not a money currency");
        }
        return digits;
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    /** The exact product rounded HALF_EVEN to the minor unit (e.g. amount × probability, amount × rate). */
    public Money times(BigDecimal factor) {
        Objects.requireNonNull(factor, "factor");
        return new Money(amount.multiply(factor), currency);
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public int signum() {
        return amount.signum();
    }

    /** Orders amounts of the same currency; comparing two currencies is an {@link IllegalArgumentException}. */
    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    /** The amount as a plain decimal string at the minor unit, e.g. {@code "12500.00"} (never exponent notation). */
    public String amountText() {
        return amount.toPlainString();
    }

    /** {@code "12500.00 CNY"}: for logs and messages, not for JSON (see {@link #amountText()}). */
    @Override
    public String toString() {
        return amountText() + " " + currency.getCurrencyCode();
    }

    private void requireSameCurrency(Money other) {
        Objects.requireNonNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency.getCurrencyCode()
                    + " and " + other.currency.getCurrencyCode());
        }
    }

    private static Currency currencyOf(String code) {
        try {
            return Currency.getInstance(code.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown currency code: '" + code + "'", e);
        }
    }
}
