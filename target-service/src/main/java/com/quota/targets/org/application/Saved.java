package com.quota.targets.org.application;

/** The state after an idempotent write: whether it created the record and whether anything changed. */
public record Saved<T>(T state, boolean created, boolean changed) {
}
