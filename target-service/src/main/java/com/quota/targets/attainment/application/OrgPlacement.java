package com.quota.targets.attainment.application;

import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Where a rep sits in the org tree on a date (port over the org directory). */
public interface OrgPlacement {

    /** The rep's unit and its ancestors on {@code on}, nearest first; empty when the rep is in no unit that day. */
    Mono<List<UUID>> unitsAbove(UUID repId, LocalDate on);

    /** {@link #unitsAbove(UUID, LocalDate)} for many reps and days at once (a poll's lines); every key is answered. */
    Mono<Map<RepDay, List<UUID>>> unitsAbove(Collection<RepDay> repDays);

    /** A rep on a day. */
    record RepDay(UUID repId, LocalDate on) {
    }

    /** Whether the org tree knows this rep or unit (an unknown one answers 404). */
    Mono<Boolean> knows(com.quota.targets.attainment.Owner owner);

    /** The unit's direct children on {@code on} (for the team view). */
    Mono<List<UUID>> childUnits(UUID unitId, LocalDate on);

    /** The reps whose unit is exactly {@code unitId} on {@code on} (for the team view). */
    Mono<List<UUID>> repsDirectlyIn(UUID unitId, LocalDate on);
}
