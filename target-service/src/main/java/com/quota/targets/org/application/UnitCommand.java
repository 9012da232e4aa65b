package com.quota.targets.org.application;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The desired state of a unit from {@code PUT /api/org/units/{id}}.
 *
 * @param validFrom     first day of a new unit (default today)
 * @param effectiveFrom from when a change of parent or manager holds (default today; may lie in the past)
 */
public record UnitCommand(String code, String name, String type, UUID parentId, UUID managerId, LocalDate validFrom,
                          LocalDate effectiveFrom, String externalRef) {
}
