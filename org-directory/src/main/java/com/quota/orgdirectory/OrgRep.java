package com.quota.orgdirectory;

import java.time.LocalDate;
import java.util.UUID;

/** A person of the org tree as a service reads it; {@code role} is REP, MANAGER or DIRECTOR. */
public record OrgRep(UUID id, String displayName, String title, String email, String role, boolean active,
                     LocalDate hireDate, String externalRef, long version) {
}
