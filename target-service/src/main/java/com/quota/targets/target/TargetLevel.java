package com.quota.targets.target;

/** The levels of a target: the quota itself, stretch (冲刺) and challenge (挑战). */
public enum TargetLevel { TARGET, STRETCH, CHALLENGE }
