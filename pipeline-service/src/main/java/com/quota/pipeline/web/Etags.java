package com.quota.pipeline.web;

import com.quota.pipeline.failure.StaleVersionException;

/** ETag {@code "3"} for version 3, and the If-Match check: missing → 428, unreadable or stale → 412. */
public final class Etags {

    private Etags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The version an If-Match header names; accepts {@code "3"}, {@code W/"3"} and {@code 3}. */
    public static long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new StaleVersionException(null);
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new StaleVersionException(-1L);
        }
    }
}
