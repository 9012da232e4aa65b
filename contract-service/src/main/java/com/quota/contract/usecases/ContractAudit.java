package com.quota.contract.usecases;

import com.quota.contract.lifecycle.Contract;
import com.quota.resourceserver.Caller;
import io.r2dbc.postgresql.codec.Json;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Writes who changed what, when and why into {@code audit_entry}, in the transaction of the change. */
@Component
public class ContractAudit {

    private final DatabaseClient db;
    private final JsonMapper json;
    private final Clock clock;

    public ContractAudit(DatabaseClient db, JsonMapper json, Clock clock) {
        this.db = db;
        this.json = json;
        this.clock = clock;
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
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                insert into audit_entry (id, occurred_at, actor, actor_rep_id, action, reason, entity_type, entity_id, before_state, after_state)
                values (:id, :at, :actor, :rep, :action, :reason, :type, :entity, :before, :after)""")
                .bind("id", com.quota.messaging.outbox.EventIds.newId()).bind("at", clock.instant()).bind("actor", caller.sub())
                .bind("action", action).bind("type", entityType).bind("entity", entityId);
        spec = caller.repId() == null ? spec.bindNull("rep", UUID.class) : spec.bind("rep", caller.repId());
        spec = reason == null ? spec.bindNull("reason", String.class) : spec.bind("reason", reason);
        spec = before == null ? spec.bindNull("before", Json.class) : spec.bind("before", Json.of(json.writeValueAsString(before)));
        spec = after == null ? spec.bindNull("after", Json.class) : spec.bind("after", Json.of(json.writeValueAsString(after)));
        return spec.fetch().rowsUpdated().then();
    }
}
