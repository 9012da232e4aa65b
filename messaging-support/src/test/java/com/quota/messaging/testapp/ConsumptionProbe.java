package com.quota.messaging.testapp;

import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Test observation only (the effect itself is in deal_effect): when a deal was applied, how often a handler was tried. */
@Component
public class ConsumptionProbe {

    private final Map<UUID, Long> appliedAtNanos = new ConcurrentHashMap<>();
    private final Map<UUID, Integer> attempts = new ConcurrentHashMap<>();

    void applied(UUID dealId) {
        appliedAtNanos.putIfAbsent(dealId, System.nanoTime());
    }

    void attempted(UUID eventId) {
        attempts.merge(eventId, 1, Integer::sum);
    }

    /** System.nanoTime() when the consumer applied the deal, or null. */
    public Long appliedAtNanos(UUID dealId) {
        return appliedAtNanos.get(dealId);
    }

    public int appliedCount() {
        return appliedAtNanos.size();
    }

    public int attempts(UUID eventId) {
        return attempts.getOrDefault(eventId, 0);
    }
}
