package com.quota.pipeline.opportunity.application;

import java.time.Instant;
import java.time.LocalDate;

/** One ownership change as kept (owners as JSON arrays of {repId, splitPercent, primary}). */
public record OwnershipRecord(String kind, String previousOwnersJson, String ownersJson, String reason,
                              LocalDate effectiveDate, String actor, Instant at) {
}
