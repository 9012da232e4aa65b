package com.quota.contract.application;

import com.quota.api.audit.AuditRecord;
import com.quota.api.audit.AuditWriter;
import com.quota.contract.lifecycle.Contract;
import com.quota.resourceserver.Caller;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Who changed a contract or a setting, when, what and why: api-conventions' audit trail, in the change's transaction. */
@Component
public class ContractAudit {

    private final AuditWriter writer;

    public ContractAudit(AuditWriter writer) {
        this.writer = writer;
    }

    /** A snapshot of what an auditor wants to compare: status, version, value, collected. */
    public static Map<String, Object> snapshot(Contract c) {
        if (c == null) {
            return null;
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", c.status().name());
        state.put("version", c.currentVersion().version());
        state.put("value", c.value().amountText());
        state.put("currency", c.value().currency().getCurrencyCode());
        state.put("collected", c.collected().amountText());
        state.put("milestones", c.milestones().size());
        state.put("instalments", c.plan().size());
        return state;
    }

    public Mono<Void> record(Caller caller, String action, String entityType, UUID entityId, Object before, Object after, String reason) {
        return writer.record(new AuditRecord(caller, action, entityType, entityId, before, after, reason));
    }
}
