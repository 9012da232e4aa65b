package com.quota.targets.definition;

/** A dimension a target can be narrowed by (and a company target split over). */
public enum TargetDimension { PRODUCT_LINE, REGION, CHANNEL, CUSTOMER_SEGMENT }
