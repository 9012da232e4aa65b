package com.quota.targets.definition;

/** Whose figure a target is: an org unit's or a rep's. */
public enum OwnerType { UNIT, REP }
