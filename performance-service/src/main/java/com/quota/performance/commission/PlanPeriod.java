package com.quota.performance.commission;

/** The period over which a plan accumulates credit and resets: the fiscal year unless the plan says quarter. */
public enum PlanPeriod { YEAR, QUARTER }
