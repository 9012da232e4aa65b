package com.quota.targets.target;

/** Whose figure a target is: an org unit's or a rep's. */
public enum OwnerType { UNIT, REP }
