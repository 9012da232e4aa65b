package com.quota.systemtests.proof.chaos;

import java.time.Duration;
import java.time.Instant;

/** A fault of the schedule: what was broken, from when until it was back (the component answering again). */
public record Outage(String fault, Instant from, Instant until) {

    /** Whether a request sent at {@code at} fell in this outage, widened by {@code recovery} after it ended. */
    public boolean covers(Instant at, Duration recovery) {
        return !at.isBefore(from) && !at.isAfter(until.plus(recovery));
    }

    public Duration length() {
        return Duration.between(from, until);
    }
}
