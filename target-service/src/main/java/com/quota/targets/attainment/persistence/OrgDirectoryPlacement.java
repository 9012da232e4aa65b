package com.quota.targets.attainment.persistence;

import com.quota.orgdirectory.OrgDirectory;
import com.quota.targets.attainment.Owner;
import com.quota.targets.attainment.OwnerType;
import com.quota.targets.attainment.application.OrgPlacement;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@link OrgPlacement} over org-directory's dated tree (target-service's own org tables). */
@Component
public class OrgDirectoryPlacement implements OrgPlacement {

    private final OrgDirectory directory;

    public OrgDirectoryPlacement(OrgDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Mono<List<UUID>> unitsAbove(UUID repId, LocalDate on) {
        return directory.unitOf(repId, on)
                .flatMap(unit -> directory.ancestors(unit, on).collectList().map(ancestors -> {
                    List<UUID> units = new ArrayList<>(ancestors.size() + 1);
                    units.add(unit);
                    units.addAll(ancestors);
                    return List.copyOf(units);
                }))
                .defaultIfEmpty(List.of());
    }

    @Override
    public Mono<Boolean> knows(Owner owner) {
        return owner.type() == OwnerType.REP ? directory.rep(owner.id()).hasElement()
                : directory.unit(owner.id()).hasElement();
    }

    @Override
    public Mono<List<UUID>> childUnits(UUID unitId, LocalDate on) {
        return directory.subtree(unitId, on)
                .filter(unit -> !unit.equals(unitId))
                .concatMap(unit -> directory.ancestors(unit, on).next()
                        .filter(parent -> parent.equals(unitId)).map(parent -> unit))
                .collectList();
    }

    @Override
    public Mono<List<UUID>> repsDirectlyIn(UUID unitId, LocalDate on) {
        return directory.repsIn(List.of(unitId), on).collectList();
    }
}
