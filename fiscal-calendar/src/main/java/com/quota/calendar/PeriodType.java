package com.quota.calendar;

/** The kinds of fiscal period a {@link PeriodKey} names. */
public enum PeriodType {
    YEAR, QUARTER, MONTH, WEEK
}
