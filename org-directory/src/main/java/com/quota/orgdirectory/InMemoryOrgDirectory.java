package com.quota.orgdirectory;

import com.quota.api.problem.ApiProblem;
import com.quota.orgdirectory.tree.OrgTree;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.Collection;
import java.util.UUID;

/** An {@link OrgDirectory} over an {@link OrgTree} in memory: for services' fast unit tests of scope rules. */
public final class InMemoryOrgDirectory implements OrgDirectory {

    private final OrgTree tree;

    public InMemoryOrgDirectory(OrgTree tree) {
        this.tree = tree;
    }

    @Override
    public Mono<OrgUnit> unit(UUID unitId) {
        return Mono.justOrEmpty(tree.unit(unitId)).map(u -> new OrgUnit(u.id(), u.parentId(), u.code(), u.name(),
                u.type(), u.active(), u.validFrom(), u.validTo(), u.externalRef(), u.version()));
    }

    @Override
    public Mono<OrgRep> rep(UUID repId) {
        return Mono.justOrEmpty(tree.rep(repId)).map(r -> new OrgRep(r.id(), r.displayName(), r.title(), r.email(),
                r.role(), r.active(), r.hireDate(), r.externalRef(), r.version()));
    }

    @Override
    public Flux<UUID> ancestors(UUID unitId, LocalDate on) {
        return Flux.fromIterable(tree.ancestors(unitId, on));
    }

    @Override
    public Flux<UUID> subtree(UUID unitId, LocalDate on) {
        return Flux.fromIterable(tree.subtree(unitId, on));
    }

    @Override
    public Mono<UUID> unitOf(UUID repId, LocalDate on) {
        return Mono.justOrEmpty(tree.unitOf(repId, on));
    }

    @Override
    public Flux<UUID> managersOf(UUID repId, LocalDate on) {
        return Flux.fromIterable(tree.managersOf(repId, on));
    }

    @Override
    public Flux<UUID> unitsManagedBy(UUID repId, LocalDate on) {
        return Flux.fromIterable(tree.unitsManagedBy(repId, on));
    }

    @Override
    public Flux<UUID> repsIn(Collection<UUID> unitIds, LocalDate on) {
        return Flux.fromIterable(tree.repsIn(unitIds, on));
    }

    @Override
    public Mono<Void> requireKnownRep(UUID repId) {
        return tree.rep(repId).isPresent() ? Mono.empty() : Mono.error(ApiProblem.notYetKnownHere("rep", repId));
    }

    @Override
    public Mono<Void> requireKnownUnit(UUID unitId) {
        return tree.unit(unitId).isPresent() ? Mono.empty() : Mono.error(ApiProblem.notYetKnownHere("unit", unitId));
    }
}
