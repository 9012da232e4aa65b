package com.quota.performance.commission;

/**
 * What a statement line is: {@code CREDIT} pays f(after) − f(before) for one credit; {@code CLAWBACK} reverses a
 * terminated deal's lines at the rate they were paid; {@code ADJUSTMENT} trues up issued lines when the quota
 * changed after they were issued (so the total stays f(period total)).
 */
public enum LineKind { CREDIT, CLAWBACK, ADJUSTMENT }
