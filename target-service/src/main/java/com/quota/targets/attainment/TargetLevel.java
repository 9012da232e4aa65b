package com.quota.targets.attainment;

/** The levels a target may set: the quota, the stretch (冲刺) and the challenge (挑战). */
public enum TargetLevel {
    TARGET, STRETCH, CHALLENGE
}
