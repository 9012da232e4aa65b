package com.quota.api.audit;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/** One entry of an entity's audit trail, as the {@code GET /api/<things>/{id}/audit} endpoint answers it. */
public record AuditEntryView(UUID id, Instant occurredAt, String actor, UUID actorRepId, String action, String reason,
                             String entityType, UUID entityId, JsonNode before, JsonNode after, String traceId) {
}
