package com.quota.orgdirectory.scope;

import com.quota.orgdirectory.OrgDirectory;
import com.quota.resourceserver.Caller;
import com.quota.resourceserver.CurrentCaller;
import com.quota.resourceserver.Role;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Resolves a caller's {@link CallerScope} from the org tree as of a day: ADMIN, DIRECTOR and INTEGRATION see
 * everything (a machine client is limited by its token scopes through {@link CallerScope#requireScope}); a MANAGER sees
 * the units in the subtrees of the units they manage on that day, the reps whose unit then is one of them, and their
 * own records; a REP sees their own records. A person without a {@code rep_id} claim sees nothing. Resolve once per
 * request: for lists as of today (or the query's asOf), for a single record as of the record's date.
 */
public final class ScopeResolver {

    private final OrgDirectory directory;

    public ScopeResolver(OrgDirectory directory) {
        this.directory = directory;
    }

    public Mono<CallerScope> resolve(Caller caller, LocalDate on) {
        if (caller.hasAnyRole(Role.ADMIN, Role.DIRECTOR, Role.INTEGRATION)) {
            return Mono.just(CallerScope.everything(caller, on));
        }
        UUID self = caller.repId();
        if (self == null || !caller.hasAnyRole(Role.MANAGER, Role.REP)) {
            return Mono.just(CallerScope.of(caller, on, Set.of(), Set.of()));
        }
        if (!caller.hasRole(Role.MANAGER)) {
            return Mono.just(CallerScope.of(caller, on, Set.of(self), Set.of()));
        }
        return directory.unitsManagedBy(self, on)
                .concatMap(unit -> directory.subtree(unit, on))
                .collect(LinkedHashSet<UUID>::new, Set::add)
                .flatMap(units -> (units.isEmpty() ? Flux.<UUID>empty() : directory.repsIn(units, on))
                        .collect(LinkedHashSet<UUID>::new, Set::add)
                        .map(reps -> {
                            reps.add(self);
                            return CallerScope.of(caller, on, reps, units);
                        }));
    }

    /** The scope of the current request's caller (from the security context) as of the day. */
    public Mono<CallerScope> resolveCurrent(LocalDate on) {
        return CurrentCaller.require().flatMap(caller -> resolve(caller, on));
    }
}
