package com.quota.targets.attainment;

/** Whose figure it is: an org unit or a rep. */
public enum OwnerType {
    UNIT, REP
}
