package com.quota.contract.application;

import com.quota.contract.rules.RuleViolation;

/** If-Match against the stored row version: missing → 428, stale → 412 (accepts {@code "3"}, {@code W/"3"}, {@code 3}). */
public final class Versions {

    private Versions() {
    }

    /** Thrown for a missing (428) or stale (412) If-Match. */
    public static final class PreconditionProblem extends RuntimeException {
        private final boolean missing;
        private final long current;

        PreconditionProblem(boolean missing, long current) {
            super(missing ? "If-Match is required: send the ETag you read" : "stale If-Match: the current version is " + current);
            this.missing = missing;
            this.current = current;
        }

        public boolean missing() {
            return missing;
        }

        public long current() {
            return current;
        }
    }

    public static void requireIfMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new PreconditionProblem(true, currentVersion);
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "").trim();
        try {
            if (Long.parseLong(tag) != currentVersion) {
                throw new PreconditionProblem(false, currentVersion);
            }
        } catch (NumberFormatException e) {
            throw RuleViolation.badRequest("malformed-request", "If-Match must be an ETag such as \"3\"");
        }
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }
}
