package com.quota.orgdirectory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.UUID;

/**
 * Writes the full state of units and reps into the org tables, in the caller's transaction. The replica consumer
 * writes every {@code OrgUnitChanged}/{@code RepChanged} through it; target-service, which owns the tree, writes its
 * changes through it too, so one query implementation serves every service. Latest state per key wins: a state whose
 * version is not higher than the stored one changes nothing.
 */
public interface OrgReplicaStore {

    /** Stores the unit's state; emits true when applied, false when an equal or newer version is already stored. */
    Mono<Boolean> upsertUnit(OrgUnitState unit);

    /** Stores the rep's state; emits true when applied, false when an equal or newer version is already stored. */
    Mono<Boolean> upsertRep(RepState rep);

    /** Marks the unit inactive whatever its version (a tombstone: the key's last word); its history stays. */
    Mono<Void> retireUnit(UUID unitId);

    /** Marks the rep inactive whatever its version (a tombstone: the key's last word); its history stays. */
    Mono<Void> retireRep(UUID repId);

    /** The stored manager periods of a unit (the consumer derives the next history from them). */
    Flux<ManagerPeriod> managersOfUnit(UUID unitId);
}
