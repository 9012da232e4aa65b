package com.quota.pipeline.scope;

import com.quota.pipeline.failure.ForbiddenException;
import com.quota.resourceserver.Caller;
import reactor.core.publisher.Mono;

import java.util.UUID;

/** Resolves a caller's scope and tells whether a rep is known here (from the org events). */
public interface Scopes {

    /** The caller's scope on today's org tree; an INTEGRATION caller needs {@code scope} (else 403). */
    Mono<RepScope> of(Caller caller, String integrationScope);

    /** Completes when the rep is known here; errors with 422 "not yet known here" otherwise. */
    Mono<Void> requireKnownRep(UUID repId);

    /** INTEGRATION callers need the scope; people are checked by their role elsewhere. */
    static void requireIntegrationScope(Caller caller, String scope) {
        if (caller.hasRole(com.quota.resourceserver.Role.INTEGRATION) && !caller.hasScope(scope)) {
            throw new ForbiddenException("the client lacks the scope " + scope);
        }
    }
}
