package com.quota.messaging.outbox;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.NameBasedGenerator;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import java.util.Objects;
import java.util.UUID;

/** Event ids: time-ordered UUIDv7 for new events, name-based UUIDv5 for events derived from another event. */
public final class EventIds {

    /** Namespace of Quota's name-based event ids (a fixed random UUID; never change it, or rebuilds emit new ids). */
    public static final UUID NAMESPACE = UUID.fromString("6f1e2c1a-5b7d-4f0e-9a43-3c8d2b7e91a5");

    private static final TimeBasedEpochGenerator TIME_ORDERED = Generators.timeBasedEpochGenerator();
    private static final NameBasedGenerator NAME_BASED = Generators.nameBasedGenerator(NAMESPACE);

    private EventIds() {
    }

    /** A new time-ordered id (UUIDv7). */
    public static UUID newId() {
        return TIME_ORDERED.generate();
    }

    /**
     * The same id for the same parts, every time (UUIDv5), e.g. {@code derived(sourceEventId, ownerId, "REVENUE", "2026-Q4")}:
     * a rebuild that derives the event again emits the same id, and downstream inboxes skip it.
     */
    public static UUID derived(Object... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("a derived id needs at least one part");
        }
        StringBuilder name = new StringBuilder();
        for (Object part : parts) {
            String text = String.valueOf(Objects.requireNonNull(part, "a part of a derived id is null"));
            // length-prefixed, so ("ab","c") and ("a","bc") never collide
            name.append(text.length()).append(':').append(text).append('|');
        }
        return NAME_BASED.generate(name.toString());
    }
}
