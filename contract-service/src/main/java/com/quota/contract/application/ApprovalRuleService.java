package com.quota.contract.application;

import com.quota.contract.approval.ApprovalPolicy;
import com.quota.contract.approval.ApprovalRule;
import com.quota.contract.persistence.ApprovalRuleStore;
import com.quota.contract.persistence.AutoDraftSettings;
import com.quota.contract.rules.RuleViolation;
import com.quota.messaging.outbox.EventIds;
import com.quota.resourceserver.Caller;
import com.quota.resourceserver.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Configuring approval chains (rules by value band) and auto-draft per pipeline: DIRECTOR or ADMIN only, audited. */
@Service
public class ApprovalRuleService {

    private final ApprovalRuleStore store;
    private final AutoDraftSettings autoDraft;
    private final ContractSettings settings;
    private final ContractAudit audit;
    private final TransactionalOperator tx;
    private final Clock clock;

    public ApprovalRuleService(ApprovalRuleStore store, AutoDraftSettings autoDraft, ContractSettings settings, ContractAudit audit,
                               TransactionalOperator tx, Clock clock) {
        this.store = store;
        this.autoDraft = autoDraft;
        this.settings = settings;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    public Flux<ApprovalRule> rules() {
        return store.all();
    }

    public Mono<ApprovalRule> rule(UUID id) {
        return store.all().filter(r -> r.id().equals(id)).next()
                .switchIfEmpty(Mono.error(() -> new ContractService.NotFound("approval rule", id)));
    }

    /** Adds a band; refused (422) when it overlaps a band in force. */
    public Mono<ApprovalRule> add(Caller caller, ApprovalRule proposed) {
        requireConfigurer(caller);
        ApprovalRule rule = new ApprovalRule(EventIds.newId(), proposed.above(), proposed.upTo(), proposed.steps(), 0);
        return store.lockForChange().thenMany(store.all()).collectList()
                .flatMap(existing -> {
                    List<ApprovalRule> next = new ArrayList<>(existing);
                    next.add(rule);
                    ApprovalPolicy.of(next);
                    return store.insert(rule, clock.instant())
                            .then(audit.record(caller, "ApprovalRuleAdded", "approval-rule", rule.id(), null, describe(rule), null));
                })
                .then(rule(rule.id())).as(tx::transactional);
    }

    /** Changes a band (If-Match on its version); refused (422) when the new band overlaps another. */
    public Mono<ApprovalRule> change(Caller caller, UUID id, String ifMatch, ApprovalRule proposed) {
        requireConfigurer(caller);
        return store.lockForChange().thenMany(store.all()).collectList()
                .flatMap(existing -> {
                    ApprovalRule current = existing.stream().filter(r -> r.id().equals(id)).findFirst()
                            .orElseThrow(() -> new ContractService.NotFound("approval rule", id));
                    Versions.requireIfMatch(ifMatch, current.version());
                    ApprovalRule changed = new ApprovalRule(id, proposed.above(), proposed.upTo(), proposed.steps(), current.version());
                    List<ApprovalRule> next = new ArrayList<>(existing.stream().filter(r -> !r.id().equals(id)).toList());
                    next.add(changed);
                    ApprovalPolicy.of(next);
                    return store.update(changed, current.version(), clock.instant())
                            .then(audit.record(caller, "ApprovalRuleChanged", "approval-rule", id, describe(current), describe(changed), null));
                })
                .then(rule(id)).as(tx::transactional);
    }

    public Mono<Void> remove(Caller caller, UUID id) {
        requireConfigurer(caller);
        return store.lockForChange().then(rule(id))
                .flatMap(current -> store.delete(id)
                        .then(audit.record(caller, "ApprovalRuleRemoved", "approval-rule", id, describe(current), null, null)))
                .as(tx::transactional);
    }

    public Mono<Boolean> autoDraft(UUID pipelineId) {
        return autoDraft.enabled(pipelineId);
    }

    public boolean autoDraftDefault() {
        return settings.autoDraftByDefault();
    }

    public Mono<Void> setAutoDraft(Caller caller, UUID pipelineId, boolean enabled) {
        requireConfigurer(caller);
        return autoDraft.set(pipelineId, enabled, caller.sub(), clock.instant())
                .then(audit.record(caller, "AutoDraftSet", "pipeline", pipelineId, null, Map.of("enabled", enabled), null))
                .as(tx::transactional);
    }

    private static Map<String, Object> describe(ApprovalRule rule) {
        return Map.of("band", rule.band(), "steps", rule.steps().stream().map(Enum::name).toList());
    }

    private static void requireConfigurer(Caller caller) {
        if (!caller.hasAnyRole(Role.ADMIN, Role.DIRECTOR)) {
            throw new AccessDeniedException("only a DIRECTOR or ADMIN configures approvals");
        }
    }

    /** Reads a step role name; 400 for anything but MANAGER, DIRECTOR, ADMIN. */
    public static com.quota.contract.approval.ApproverRole role(String name) {
        try {
            return com.quota.contract.approval.ApproverRole.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw RuleViolation.badRequest("invalid-approval-rule", "step roles are MANAGER, DIRECTOR or ADMIN, not " + name);
        }
    }
}
