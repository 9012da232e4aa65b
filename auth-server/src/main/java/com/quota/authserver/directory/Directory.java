package com.quota.authserver.directory;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The users of this identity provider by username: every person of the demo company plus its admins. */
public final class Directory {

    private final Map<String, Identity> byUsername;

    public Directory(DemoCompany company) {
        Map<String, Identity> users = new LinkedHashMap<>();
        company.people().forEach(p -> users.put(p.username(), new Identity(p.username(), p.displayName(), p.role(), p.id())));
        company.admins().forEach(a -> users.put(a.username(), new Identity(a.username(), a.displayName(), Role.ADMIN, null)));
        this.byUsername = Collections.unmodifiableMap(users);
    }

    public Optional<Identity> find(String username) {
        return Optional.ofNullable(byUsername.get(username));
    }

    public Collection<Identity> all() {
        return byUsername.values();
    }
}
