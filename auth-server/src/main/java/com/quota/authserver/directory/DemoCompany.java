package com.quota.authserver.directory;

import java.util.List;
import java.util.UUID;

/** The parts of demo-company.json the identity provider needs: people, admins and integrations. */
public record DemoCompany(List<Person> people, List<Admin> admins, List<Integration> integrations) {

    public DemoCompany {
        people = people == null ? List.of() : List.copyOf(people);
        admins = admins == null ? List.of() : List.copyOf(admins);
        integrations = integrations == null ? List.of() : List.copyOf(integrations);
    }

    /** A person of the org tree; {@code id} becomes the token's {@code rep_id}. */
    public record Person(UUID id, String username, String displayName, Role role) {
    }

    /** An administrator: role ADMIN, not part of the org tree (no {@code rep_id}). */
    public record Admin(String username, String displayName) {
    }

    /** A machine client (CRM, ERP) that gets client-credentials tokens with these scopes. */
    public record Integration(String clientId, String name, List<String> scopes) {

        public Integration {
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
        }
    }
}
