package com.quota.orgdirectory;

import java.time.LocalDate;
import java.util.UUID;

/** An org unit as a service reads it (the parent is today's; dated questions go through {@link OrgDirectory}). */
public record OrgUnit(UUID id, UUID parentId, String code, String name, String type, boolean active,
                      LocalDate validFrom, LocalDate validTo, String externalRef, long version) {
}
