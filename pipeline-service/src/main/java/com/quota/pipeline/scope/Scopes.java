package com.quota.pipeline.scope;

import com.quota.pipeline.failure.ForbiddenException;
import com.quota.resourceserver.Caller;
import reactor.core.publisher.Mono;

import java.util.UUID;

/** Resolves a caller's scope and tells whether a rep is known here (from the org events). */
public interface Scopes {

    /** The caller's scope on today's org tree; an INTEGRATION caller needs {@code scope} (else 403). */
    Mono<RepScope> of(Caller caller, String integrationScope);

    /**
     * The reps of an org unit's whole subtree on a day, for a team or region figure: visible to ADMIN, DIRECTOR and
     * INTEGRATION (with the scope), to a MANAGER for units in the subtrees they manage, to a REP for a unit their own
     * unit is in (the figures then still hold only their own records). Anything else, or a unit not known here, errors
     * with 404. A null {@code integrationScope} skips the token-scope check (the caller checked it).
     */
    Mono<java.util.Set<UUID>> unitReps(Caller caller, String integrationScope, UUID unitId, java.time.LocalDate on);

    /** Completes when the rep is known here; errors with 422 "not yet known here" otherwise. */
    Mono<Void> requireKnownRep(UUID repId);

    /** INTEGRATION callers need the scope; people are checked by their role elsewhere. */
    static void requireIntegrationScope(Caller caller, String scope) {
        if (caller.hasRole(com.quota.resourceserver.Role.INTEGRATION) && !caller.hasScope(scope)) {
            throw new ForbiddenException("the client lacks the scope " + scope);
        }
    }
}
