package com.quota.targets.definition.persistence;

import com.quota.targets.definition.TargetStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One stored version of a target: its status, from when it holds, why it was made and who published it. */
public record VersionRow(UUID targetId, int number, TargetStatus status, LocalDate effectiveFrom, String reason,
                         String createdBy, Instant createdAt, String publishedBy, Instant publishedAt) {
}
