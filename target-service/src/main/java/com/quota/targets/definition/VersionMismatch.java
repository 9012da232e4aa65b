package com.quota.targets.definition;

/** An update without {@code If-Match} (428, {@code current} null) or with a stale one (412, the current version). */
public class VersionMismatch extends RuntimeException {

    private final Long current;

    private VersionMismatch(String message, Long current) {
        super(message);
        this.current = current;
    }

    public static VersionMismatch required() {
        return new VersionMismatch("this update needs an If-Match header with the version read", null);
    }

    public static VersionMismatch stale(long current) {
        return new VersionMismatch("the resource changed since it was read; the current version is " + current, current);
    }

    /** The current version for a stale precondition; null when the precondition was missing. */
    public Long current() {
        return current;
    }

    /**
     * Checks an {@code If-Match} header ({@code "3"}, {@code W/"3"} or {@code 3}) against the current version;
     * missing → 428, unreadable or stale → 412.
     */
    public static void check(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw required();
        }
        String text = ifMatch.strip();
        if (text.startsWith("W/")) {
            text = text.substring(2);
        }
        text = text.replace("\"", "");
        try {
            if (Long.parseLong(text) == currentVersion) {
                return;
            }
        } catch (NumberFormatException e) {
            // an unreadable tag matches no version: stale
        }
        throw stale(currentVersion);
    }
}
