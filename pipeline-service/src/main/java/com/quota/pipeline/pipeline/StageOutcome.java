package com.quota.pipeline.pipeline;

/** The outcome a closed stage stands for. */
public enum StageOutcome {
    WON, LOST
}
