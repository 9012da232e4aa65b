package com.quota.performance.commission;

/** The money metrics a commission plan can pay on (as AttainmentChanged names them). */
public enum CommissionMetric { BOOKINGS, CONTRACT_VALUE, COLLECTIONS }
