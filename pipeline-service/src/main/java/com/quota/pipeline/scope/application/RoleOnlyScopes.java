package com.quota.pipeline.scope.application;

import com.quota.resourceserver.Caller;
import com.quota.resourceserver.Role;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import com.quota.pipeline.scope.RepScope;
import com.quota.pipeline.scope.Scopes;

import java.util.Set;
import java.util.UUID;

/**
 * Scope by role alone, used until the org tree replica is wired: ADMIN, DIRECTOR and INTEGRATION see everything,
 * a MANAGER or REP their own records.
 */
@Component
@ConditionalOnMissingBean(name = "orgTreeScopes")
class RoleOnlyScopes implements Scopes {

    @Override
    public Mono<RepScope> of(Caller caller, String integrationScope) {
        return Mono.fromCallable(() -> {
            Scopes.requireIntegrationScope(caller, integrationScope);
            if (caller.hasAnyRole(Role.ADMIN, Role.DIRECTOR, Role.INTEGRATION)) {
                return RepScope.everyone();
            }
            return RepScope.only(caller.repId() == null ? Set.of() : Set.of(caller.repId()));
        });
    }

    @Override
    public Mono<Void> requireKnownRep(UUID repId) {
        return Mono.empty();
    }
}
