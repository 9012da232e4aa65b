package com.quota.orgdirectory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.Collection;
import java.util.UUID;

/**
 * The org tree as this service knows it, every question as of a date. Answers come from the service's own tables
 * (the replica of {@code targets.org.v1}, or target-service's own tree); an id not known here gives an empty answer,
 * and {@link #requireKnownRep}/{@link #requireKnownUnit} turn that into a 422 "not yet known here; retry".
 */
public interface OrgDirectory {

    /** The unit, or empty when not known here. */
    Mono<OrgUnit> unit(UUID unitId);

    /** The person, or empty when not known here. */
    Mono<OrgRep> rep(UUID repId);

    /** The unit's ancestors on that day, nearest first, the unit itself excluded. */
    Flux<UUID> ancestors(UUID unitId, LocalDate on);

    /** The unit and every unit below it on that day (the unit first). */
    Flux<UUID> subtree(UUID unitId, LocalDate on);

    /** The rep's unit on that day; empty when the rep belongs to none (not hired yet, left, not known). */
    Mono<UUID> unitOf(UUID repId, LocalDate on);

    /**
     * The rep's managers on that day: the managers of the rep's unit and of each of its ancestors, nearest first,
     * without duplicates and without the rep. Exactly the people whose MANAGER scope includes the rep then.
     */
    Flux<UUID> managersOf(UUID repId, LocalDate on);

    /** The units this person manages on that day. */
    Flux<UUID> unitsManagedBy(UUID repId, LocalDate on);

    /** The reps whose unit on that day is one of these units (no duplicates). */
    Flux<UUID> repsIn(Collection<UUID> unitIds, LocalDate on);

    /** Completes when the rep is known here, else fails with {@code ApiProblem.notYetKnownHere("rep", id)} (422). */
    Mono<Void> requireKnownRep(UUID repId);

    /** Completes when the unit is known here, else fails with {@code ApiProblem.notYetKnownHere("unit", id)} (422). */
    Mono<Void> requireKnownUnit(UUID unitId);
}
