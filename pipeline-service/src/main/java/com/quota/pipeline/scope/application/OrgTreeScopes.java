package com.quota.pipeline.scope.application;

import com.quota.orgdirectory.OrgDirectory;
import com.quota.orgdirectory.scope.CallerScope;
import com.quota.orgdirectory.scope.ScopeResolver;
import com.quota.pipeline.company.CompanyTime;
import com.quota.pipeline.scope.RepScope;
import com.quota.pipeline.scope.Scopes;
import com.quota.resourceserver.Caller;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import com.quota.pipeline.failure.NotFoundException;
import com.quota.resourceserver.Role;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Scope from this service's copy of the org tree (org-directory): ADMIN, DIRECTOR and INTEGRATION (with the scope)
 * everything, a MANAGER the reps of their subtree today, a REP their own records.
 */
@Component
class OrgTreeScopes implements Scopes {

    private final ScopeResolver resolver;
    private final OrgDirectory directory;
    private final CompanyTime company;

    OrgTreeScopes(ScopeResolver resolver, OrgDirectory directory, CompanyTime company) {
        this.resolver = resolver;
        this.directory = directory;
        this.company = company;
    }

    @Override
    public Mono<RepScope> of(Caller caller, String integrationScope) {
        return Mono.defer(() -> {
            Scopes.requireIntegrationScope(caller, integrationScope);
            return resolver.resolve(caller, company.today()).map(OrgTreeScopes::repScope);
        });
    }

    @Override
    public Mono<Set<UUID>> unitReps(Caller caller, String integrationScope, UUID unitId, LocalDate on) {
        Mono<Set<UUID>> notFound = Mono.error(new NotFoundException("org unit"));
        return Mono.defer(() -> {
            if (integrationScope != null) {
                Scopes.requireIntegrationScope(caller, integrationScope);
            }
            return directory.unit(unitId).hasElement().flatMap(known -> !known ? notFound
                    : directory.subtree(unitId, on).collect(Collectors.toCollection(LinkedHashSet::new))
                    .flatMap(units -> resolver.resolve(caller, company.today())
                            .flatMap(scope -> visible(caller, scope, unitId, units, on))
                            .flatMap(visible -> !visible ? notFound
                                    : directory.repsIn(units, on).collect(Collectors.toCollection(LinkedHashSet::new))
                                    .map(reps -> (Set<UUID>) reps))));
        });
    }

    // a REP sees a unit their own unit belongs to (and in it only their own records); others by their scope
    private Mono<Boolean> visible(Caller caller, CallerScope scope, UUID unitId, Set<UUID> subtree, LocalDate on) {
        if (scope.isAll() || scope.canSeeUnit(unitId)) {
            return Mono.just(true);
        }
        // a MANAGER is held to the subtrees they manage; only a REP may ask for a unit they belong to
        if (caller.repId() == null || !caller.hasRole(Role.REP) || caller.hasRole(Role.MANAGER)) {
            return Mono.just(false);
        }
        return directory.unitOf(caller.repId(), on).map(subtree::contains).defaultIfEmpty(false);
    }

    private static RepScope repScope(CallerScope scope) {
        return scope.isAll() ? RepScope.everyone() : RepScope.only(scope.visibleRepIds());
    }

    @Override
    public Mono<Void> requireKnownRep(UUID repId) {
        // org-directory answers 422 not-yet-known-here itself (problem+json through http-problems)
        return directory.requireKnownRep(repId);
    }
}
