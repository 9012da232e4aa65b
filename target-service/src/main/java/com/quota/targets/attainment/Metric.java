package com.quota.targets.attainment;

/** What attainment measures: money metrics in the reporting currency, and one count. */
public enum Metric {
    BOOKINGS, CONTRACT_VALUE, COLLECTIONS, NEW_CUSTOMERS;

    /** NEW_CUSTOMERS is a whole count without a currency; the others are money. */
    public boolean isCount() {
        return this == NEW_CUSTOMERS;
    }
}
