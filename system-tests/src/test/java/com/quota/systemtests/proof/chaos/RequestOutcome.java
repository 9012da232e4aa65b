package com.quota.systemtests.proof.chaos;

import java.time.Duration;
import java.time.Instant;

/**
 * How one request of the load was answered: its kind ("win", "payment"...), when it was sent, how long the answer
 * took, the status and Content-Type (status 0 and the error when no answer came: a timeout, a refused connection).
 */
public record RequestOutcome(String kind, Instant sent, Duration took, int status, String contentType, String error) {

    public boolean answered() {
        return status > 0;
    }

    public boolean success() {
        return status >= 200 && status < 300;
    }

    public boolean problem503() {
        return status == 503 && contentType != null && contentType.startsWith("application/problem+json");
    }
}
