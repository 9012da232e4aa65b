package com.quota.targets.org.application;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The desired state of a person from {@code PUT /api/org/reps/{id}}.
 *
 * @param validFrom     first day of a new person's first membership (default the hire date, else today)
 * @param effectiveFrom from when a change of unit holds (default today; may lie in the past: a back-dated move)
 */
public record RepCommand(String username, String displayName, String role, UUID unitId, String title, String email,
                         LocalDate hireDate, LocalDate validFrom, LocalDate effectiveFrom, String externalRef) {
}
