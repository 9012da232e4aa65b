package com.quota.targets.distribution;

/** How an annual amount is spread over its twelve months: evenly, by a named seasonal profile, or by last year's actuals. */
public enum DistributionMethod { EVEN, PROFILE, HISTORY }
