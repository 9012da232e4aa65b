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
    private final java.util.Set<UUID> fixed = ConcurrentHashMap.newKeySet();
    private volatile long delayPerEventMillis;

    public ConsumptionProbe(@org.springframework.beans.factory.annotation.Value("${quota.test.delay-per-event-ms:0}") long delayPerEventMillis) {
        this.delayPerEventMillis = delayPerEventMillis;
    }

    /** Slows the projection down (a test that must catch it in the middle of a stream). */
    public void delayPerEvent(long millis) {
        this.delayPerEventMillis = millis;
    }

    long delayPerEventMillis() {
        return delayPerEventMillis;
    }

    /** The consumer was "fixed": it now accepts this deal it rejected as invalid before. */
    public void fix(UUID dealId) {
        fixed.add(dealId);
    }

    boolean isFixed(UUID dealId) {
        return fixed.contains(dealId);
    }

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
