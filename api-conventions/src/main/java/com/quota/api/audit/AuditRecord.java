package com.quota.api.audit;

import com.quota.resourceserver.Caller;

import java.util.Objects;
import java.util.UUID;

/**
 * One audited change: who (the caller), what (an action such as {@code TargetRevised}, on an entity), the state before
 * and after (any JSON-serializable value; null for a create's before or a delete's after), and why (the reason the
 * user gave, may be null).
 */
public record AuditRecord(Caller caller, String action, String entityType, UUID entityId, Object before, Object after,
                          String reason) {

    public AuditRecord {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityId, "entityId");
    }
}
