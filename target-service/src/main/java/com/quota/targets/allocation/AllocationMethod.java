package com.quota.targets.allocation;

/** How a parent's amount is weighted over its children: equally, by explicit ratios, or by last period's actuals. */
public enum AllocationMethod { EQUAL, RATIO, HISTORY }
