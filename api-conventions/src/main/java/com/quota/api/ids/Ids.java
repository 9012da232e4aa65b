package com.quota.api.ids;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import java.util.UUID;

/** Ids of new records: time-ordered UUIDv7, so they index well and sort roughly by creation. */
public final class Ids {

    private static final TimeBasedEpochGenerator TIME_ORDERED = Generators.timeBasedEpochGenerator();

    private Ids() {
    }

    /** A new time-ordered id (UUIDv7). */
    public static UUID newId() {
        return TIME_ORDERED.generate();
    }
}
