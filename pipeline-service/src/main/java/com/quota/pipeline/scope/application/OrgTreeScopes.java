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

import java.util.UUID;

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

    private static RepScope repScope(CallerScope scope) {
        return scope.isAll() ? RepScope.everyone() : RepScope.only(scope.visibleRepIds());
    }

    @Override
    public Mono<Void> requireKnownRep(UUID repId) {
        // org-directory answers 422 not-yet-known-here itself (problem+json through http-problems)
        return directory.requireKnownRep(repId);
    }
}
