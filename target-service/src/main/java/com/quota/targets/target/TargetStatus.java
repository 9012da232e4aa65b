package com.quota.targets.target;

/** Where a target version stands in its lifecycle: DRAFT → SUBMITTED → APPROVED → PUBLISHED. */
public enum TargetStatus { DRAFT, SUBMITTED, APPROVED, PUBLISHED }
