package com.quota.targets.definition;

/**
 * How a target's owner relates to the caller: {@code OWN} (the caller's own rep target, or the target of a unit they
 * manage directly), {@code SUBTREE} (below a unit they manage), {@code OTHER} (anything else).
 */
public enum OwnerRelation { OWN, SUBTREE, OTHER }
