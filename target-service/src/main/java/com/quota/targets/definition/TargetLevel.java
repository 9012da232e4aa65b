package com.quota.targets.definition;

/** The levels of a target: the quota itself, stretch (冲刺) and challenge (挑战). */
public enum TargetLevel { TARGET, STRETCH, CHALLENGE }
