package com.quota.targets.allocation;

/**
 * How per-child adjustments apply: {@code NORMALIZED} re-weights so the parts still sum to the parent amount;
 * {@code ADDITIVE} scales each child's share so the sum may differ from the parent amount (the allocation gap).
 */
public enum AdjustmentMode { NORMALIZED, ADDITIVE }
