package com.quota.performance.commission;

/**
 * How a plan's tiers turn cumulative credit into payout: {@code STEP} marginal like tax brackets, {@code WHOLE} the
 * rate of the highest tier reached on everything, {@code INTERPOLATED} a rate moving linearly between anchors.
 */
public enum PlanMode { STEP, WHOLE, INTERPOLATED }
