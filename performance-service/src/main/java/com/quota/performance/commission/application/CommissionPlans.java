package com.quota.performance.commission.application;

import com.quota.api.audit.AuditRecord;
import com.quota.api.audit.AuditWriter;
import com.quota.api.concurrency.Versions;
import com.quota.api.problem.ApiProblem;
import com.quota.orgdirectory.OrgDirectory;
import com.quota.performance.commission.CommissionPlan;
import com.quota.performance.commission.PlanAssignment;
import com.quota.performance.commission.persistence.PlanRows;
import com.quota.performance.commission.persistence.PlanRows.StoredPlan;
import com.quota.resourceserver.Caller;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.util.UUID;

/** Plan changes, each audited (who, when, before, after, why) in the same transaction as the change. */
@Service
public class CommissionPlans {

    static final String ENTITY = "CommissionPlan";

    private final PlanRows plans;
    private final AuditWriter audit;
    private final OrgDirectory directory;
    private final TransactionalOperator transactions;

    public CommissionPlans(PlanRows plans, AuditWriter audit, OrgDirectory directory, TransactionalOperator transactions) {
        this.plans = plans;
        this.audit = audit;
        this.directory = directory;
        this.transactions = transactions;
    }

    /** Stores a new plan in the caller's transaction. */
    public Mono<StoredPlan> create(Caller caller, CommissionPlan plan) {
        return plans.insert(plan)
                .then(audit.record(new AuditRecord(caller, "CommissionPlanCreated", ENTITY, plan.id(), null, plan, null)))
                .thenReturn(new StoredPlan(plan, 0));
    }

    public Mono<StoredPlan> find(UUID id) {
        return plans.find(id).switchIfEmpty(Mono.error(() -> ApiProblem.notFound("commission plan " + id)));
    }

    /** Replaces a plan's terms when {@code If-Match} names the current version (428 without, 412 when stale). */
    public Mono<StoredPlan> update(Caller caller, UUID id, String ifMatch, CommissionPlan changed, String reason) {
        return transactions.transactional(find(id).flatMap(current -> {
            long expected = Versions.requireIfMatch(ifMatch, current.version());
            return plans.update(changed, expected)
                    .doOnNext(Versions::requireUpdated)
                    .then(audit.record(new AuditRecord(caller, "CommissionPlanChanged", ENTITY, id, current.plan(), changed, reason)))
                    .thenReturn(new StoredPlan(changed, expected + 1));
        }));
    }

    /** Assigns the plan to a rep known here (422 otherwise), without overlapping another assignment of the rep (409). */
    public Mono<PlanAssignment> assign(Caller caller, PlanAssignment assignment) {
        return find(assignment.planId())
                .then(directory.requireKnownRep(assignment.repId()))
                .then(plans.overlapsAssignment(assignment.repId(), assignment.effectiveFrom(), assignment.effectiveTo()))
                .flatMap(overlaps -> overlaps
                        ? Mono.error(ApiProblem.conflict("rep " + assignment.repId() + " already has a plan assigned in that time"))
                        : plans.insertAssignment(assignment)
                        .then(audit.record(new AuditRecord(caller, "CommissionPlanAssigned", ENTITY, assignment.planId(), null,
                                assignment, null)))
                        .thenReturn(assignment));
    }
}
