package com.quota.pipeline.audit.application;

import com.quota.api.audit.AuditRecord;
import com.quota.api.audit.AuditWriter;
import com.quota.pipeline.opportunity.Opportunity;
import com.quota.pipeline.opportunity.OpportunityChange;
import com.quota.pipeline.opportunity.OwnerShare;
import com.quota.resourceserver.Caller;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import com.quota.pipeline.pipeline.Pipeline;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who changed an opportunity (activities included), an account, a pipeline, the pool rules or an FX rate, when, what and
 * why: api-conventions' audit trail, written in the change's transaction, read by {@code GET .../audit} of each.
 */
@Component
public class PipelineAudit {

    public static final String OPPORTUNITY = "opportunity";
    public static final String ACCOUNT = "account";
    public static final String PIPELINE = "pipeline";
    public static final String POOL_RULES = "pool-rules";
    public static final String FX_RATE = "fx-rate";

    /** The pool rules are one record: their trail has a fixed id. */
    public static final UUID POOL_RULES_ID = UUID.nameUUIDFromBytes("pipeline-service:pool-rules".getBytes(StandardCharsets.UTF_8));

    /** The trail of a currency's rates (every date) has one id per currency. */
    public static UUID fxRateId(String currency) {
        return UUID.nameUUIDFromBytes(("pipeline-service:fx-rate:" + currency).getBytes(StandardCharsets.UTF_8));
    }

    /** What an auditor compares of a pipeline: its name and every stage as configured. */
    public static Map<String, Object> snapshot(Pipeline pipeline) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("name", pipeline.name());
        state.put("stages", pipeline.stages().stream().map(s -> {
            Map<String, Object> stage = new LinkedHashMap<>();
            stage.put("code", s.code());
            stage.put("name", s.name());
            stage.put("probability", s.probability());
            stage.put("forecastCategory", s.forecastCategory().name());
            stage.put("expectedDays", s.expectedDays());
            stage.put("conversionRate", s.conversionRate() == null ? null : s.conversionRate().toPlainString());
            stage.put("closedAs", s.closedAs() == null ? null : s.closedAs().name());
            return stage;
        }).toList());
        return state;
    }

    private final AuditWriter writer;

    public PipelineAudit(AuditWriter writer) {
        this.writer = writer;
    }

    /** What an auditor compares of an opportunity: status, stage, amount, dates, owners with splits. */
    public static Map<String, Object> snapshot(Opportunity o) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", o.status().name());
        state.put("stage", o.stage().code());
        state.put("title", o.title());
        state.put("amount", o.amount().toPlainString());
        state.put("currency", o.currency().getCurrencyCode());
        state.put("expectedCloseDate", o.expectedCloseDate() == null ? null : o.expectedCloseDate().toString());
        state.put("closeDate", o.closeDate() == null ? null : o.closeDate().toString());
        List<Map<String, Object>> owners = o.owners().shares().stream().map(PipelineAudit::owner).toList();
        state.put("owners", owners);
        return state;
    }

    private static Map<String, Object> owner(OwnerShare share) {
        Map<String, Object> owner = new LinkedHashMap<>();
        owner.put("repId", share.repId().toString());
        owner.put("splitPercent", share.splitPercent().toPlainString());
        owner.put("primary", share.primary());
        return owner;
    }

    /** The command's name from what it changed (the last change: a command makes one). */
    public static String action(List<OpportunityChange> changes) {
        if (changes.isEmpty()) {
            return "UPDATE";
        }
        OpportunityChange last = changes.get(changes.size() - 1);
        if (last instanceof OpportunityChange.Created) {
            return "CREATE";
        }
        if (last instanceof OpportunityChange.StageChanged s) {
            return s.advanced() ? "ADVANCE" : "MOVE_BACK";
        }
        if (last instanceof OpportunityChange.Won) {
            return "WIN";
        }
        if (last instanceof OpportunityChange.Lost) {
            return "LOSE";
        }
        if (last instanceof OpportunityChange.Reopened) {
            return "REOPEN";
        }
        if (last instanceof OpportunityChange.Transferred t) {
            return t.kind() == OpportunityChange.TransferKind.TRANSFER ? "TRANSFER" : "CHANGE_OWNERS";
        }
        if (last instanceof OpportunityChange.StatusChanged s) {
            return s.action().name();
        }
        return "UPDATE";
    }

    /** The reason the user gave for the command, if any. */
    public static String reason(List<OpportunityChange> changes) {
        String reason = null;
        for (OpportunityChange change : changes) {
            if (change instanceof OpportunityChange.Won w) {
                reason = w.reason();
            } else if (change instanceof OpportunityChange.Lost l) {
                reason = l.reason();
            } else if (change instanceof OpportunityChange.Reopened r) {
                reason = r.reason();
            } else if (change instanceof OpportunityChange.Transferred t) {
                reason = t.reason();
            } else if (change instanceof OpportunityChange.StatusChanged s) {
                reason = s.reason();
            }
        }
        return reason;
    }

    public Mono<Void> record(Caller caller, String action, String entityType, UUID entityId, Object before, Object after,
                             String reason) {
        return writer.record(new AuditRecord(caller, action, entityType, entityId, before, after, reason));
    }
}
