package com.quota.pipeline.failure;

/** An update without If-Match (428, {@code currentVersion} null) or with a stale one (412). */
public class StaleVersionException extends RuntimeException {

    private final Long currentVersion;

    public StaleVersionException(Long currentVersion) {
        super(currentVersion == null ? "If-Match is required" : "stale version; current is " + currentVersion);
        this.currentVersion = currentVersion;
    }

    public Long currentVersion() {
        return currentVersion;
    }
}
