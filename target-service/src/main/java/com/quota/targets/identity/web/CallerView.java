package com.quota.targets.identity.web;

import com.quota.resourceserver.Caller;
import com.quota.resourceserver.Role;

import java.util.List;
import java.util.UUID;

/** The caller as JSON: {@code {sub, roles, repId, scopes}}; {@code repId} is null for ADMIN and machine clients. */
record CallerView(String sub, List<String> roles, UUID repId, List<String> scopes) {

    static CallerView of(Caller caller) {
        return new CallerView(caller.sub(), caller.roles().stream().map(Role::name).toList(), caller.repId(),
                caller.scopes().stream().sorted().toList());
    }
}
