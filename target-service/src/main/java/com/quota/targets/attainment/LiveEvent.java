package com.quota.targets.attainment;

import java.util.Objects;
import java.util.UUID;

/**
 * One attainment change or pace alert as the live stream shows it: the event type and id of the event published to
 * {@code targets.attainment.v1}, the owner it is about (for scoping), and its payload as JSON.
 */
public record LiveEvent(String eventType, UUID eventId, Owner owner, String payloadJson) {

    public LiveEvent {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(payloadJson, "payloadJson");
    }
}
