package com.quota.targets.definition;

import java.util.Currency;

/** What a target measures; money metrics carry the reporting currency, NEW_CUSTOMERS is a count. */
public enum Metric {
    BOOKINGS, CONTRACT_VALUE, COLLECTIONS, NEW_CUSTOMERS;

    public boolean isMoney() {
        return this != NEW_CUSTOMERS;
    }

    /** Decimal places of the metric's amounts: the currency's minor unit, or 0 for a count. */
    public int scale(Currency currency) {
        return isMoney() ? currency.getDefaultFractionDigits() : 0;
    }
}
