package com.quota.targets.definition;

/** Where a target version stands in its lifecycle: DRAFT → SUBMITTED → APPROVED → PUBLISHED. */
public enum TargetStatus { DRAFT, SUBMITTED, APPROVED, PUBLISHED }
