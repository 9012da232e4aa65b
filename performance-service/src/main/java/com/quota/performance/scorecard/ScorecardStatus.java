package com.quota.performance.scorecard;

/** A scorecard is live (recomputed on every relevant event) until it is finalized at period close. */
public enum ScorecardStatus { LIVE, FINALIZED }
