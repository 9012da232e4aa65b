package com.quota.systemtests.proof.chaos;

import java.time.Duration;
import java.time.Instant;

/** A fault of the schedule: what was broken, from when until it was back (the component answering again). */
public record Outage(String fault, Instant from, Instant until) {

    /**
     * Whether a request alive from {@code sent} until {@code answered} met this outage, widened by {@code recovery} after
     * it ended: sent during it, or still waiting for its answer when the fault struck (a deal sent 0.5 s before
     * PostgreSQL was stopped is refused by that stop).
     */
    public boolean covers(Instant sent, Instant answered, Duration recovery) {
        return !answered.isBefore(from) && !sent.isAfter(until.plus(recovery));
    }

    public Duration length() {
        return Duration.between(from, until);
    }
}
