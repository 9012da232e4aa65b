package com.quota.contract.application;

import com.quota.api.company.CompanyClock;
import com.quota.api.company.CompanySettings;
import com.quota.contract.approval.ApprovalPolicy;
import com.quota.contract.approval.ApproverRole;
import com.quota.contract.execution.Instalment;
import com.quota.contract.execution.Milestone;
import com.quota.contract.execution.Payment;
import com.quota.contract.integration.inbound.OpportunityWonView;
import com.quota.contract.integration.outbound.ContractEventPayloads;
import com.quota.contract.lifecycle.Actor;
import com.quota.contract.lifecycle.Amendment;
import com.quota.contract.lifecycle.Approver;
import com.quota.contract.lifecycle.Contract;
import com.quota.contract.lifecycle.ContractEvent;
import com.quota.contract.lifecycle.Dimensions;
import com.quota.contract.lifecycle.DraftTerms;
import com.quota.contract.lifecycle.OwnerShare;
import com.quota.contract.persistence.ApprovalRuleStore;
import com.quota.contract.persistence.ContractStore;
import com.quota.contract.rules.RuleViolation;
import com.quota.messaging.outbox.EventIds;
import com.quota.messaging.outbox.OutboxWriter;
import com.quota.money.Money;
import com.quota.orgdirectory.OrgDirectory;
import com.quota.orgdirectory.scope.CallerScope;
import com.quota.orgdirectory.scope.ScopeResolver;
import com.quota.resourceserver.Caller;
import com.quota.resourceserver.Role;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The use cases of contracts: each loads the contract in the caller's scope, checks the version the caller saw,
 * lets the aggregate decide, then saves the change, its events (outbox) and its audit entry in one transaction.
 */
@Service
public class ContractService {

    private final ContractStore contracts;
    private final ApprovalRuleStore rules;
    private final OutboxWriter outbox;
    private final ContractAudit audit;
    private final ScopeResolver scopes;
    private final OrgDirectory org;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final CompanyClock companyClock;
    private final Currency reportingCurrency;
    private final DatabaseClient db;
    private final JsonMapper json;

    public ContractService(ContractStore contracts, ApprovalRuleStore rules, OutboxWriter outbox, ContractAudit audit,
                           ScopeResolver scopes, OrgDirectory org, TransactionalOperator tx, CompanyClock companyClock, CompanySettings company,
                           DatabaseClient db, JsonMapper json) {
        this.contracts = contracts;
        this.rules = rules;
        this.outbox = outbox;
        this.audit = audit;
        this.scopes = scopes;
        this.org = org;
        this.tx = tx;
        this.clock = companyClock.clock();
        this.companyClock = companyClock;
        this.reportingCurrency = company.reportingCurrency();
        this.db = db;
        this.json = json;
    }

    /** Today in the company's time zone. */
    public LocalDate today() {
        return companyClock.today();
    }

    /** Now, from the service's clock. */
    public Instant now() {
        return clock.instant();
    }

    public Currency reportingCurrency() {
        return reportingCurrency;
    }

    /** The caller's scope today. */
    public Mono<CallerScope> scopeOf(Caller caller) {
        return scopes.resolve(caller, today());
    }

    /** A contract the caller may see, else 404-style {@link NotFound}. */
    public Mono<Contract> get(Caller caller, UUID id) {
        return scopeOf(caller).flatMap(scope -> {
            requireRead(scope);
            return visible(scope, id);
        });
    }

    /** An integration client reads contracts with {@code contracts.read} or {@code contracts.write}; people by their scope. */
    public static void requireRead(CallerScope scope) {
        Caller caller = scope.caller();
        if (caller.hasRole(Role.INTEGRATION) && !caller.hasAnyRole(Role.ADMIN, Role.DIRECTOR, Role.MANAGER, Role.REP)
                && !caller.hasScope("contracts.read") && !caller.hasScope("contracts.write")) {
            throw new AccessDeniedException("the client's token lacks the scope contracts.read");
        }
    }

    private Mono<Contract> visible(CallerScope scope, UUID id) {
        return contracts.load(id)
                .filter(c -> scope.isAll() || scope.canSeeAnyRep(c.ownerRepIds()))
                .switchIfEmpty(Mono.error(() -> new NotFound("contract", id)));
    }

    // ---- drafting ----

    /** What a caller gives to draft a contract (from an opportunity when {@code opportunityId} is set). */
    public record NewContract(UUID opportunityId, UUID accountId, String title, List<OwnerShare> owners, Dimensions dimensions,
                              Money value, String terms, LocalDate startDate, LocalDate endDate, String externalRef) {
    }

    /** Drafts a contract by API: from a won opportunity heard of here, or standalone in the reporting currency. */
    public Mono<Contract> create(Caller caller, NewContract request) {
        requireRole(caller, "contracts.write", Role.ADMIN, Role.DIRECTOR, Role.MANAGER, Role.REP);
        return scopeOf(caller).flatMap(scope -> {
            Mono<DraftTerms> terms = request.opportunityId() != null
                    ? wonOpportunity(request.opportunityId()).map(won -> fromOpportunity(won, request))
                    : standalone(request);
            return terms.flatMap(t -> requireOwnersInScope(scope, t.owners()).thenReturn(t))
                    .flatMap(t -> draftAndInsert(t, actor(caller), caller));
        }).as(tx::transactional);
    }

    private Mono<DraftTerms> standalone(NewContract r) {
        if (r.accountId() == null || r.value() == null || r.owners() == null || r.owners().isEmpty()) {
            return Mono.error(RuleViolation.badRequest("validation-failed",
                    "a standalone contract needs accountId, value and owners (or give an opportunityId)"));
        }
        if (!r.value().currency().equals(reportingCurrency)) {
            return Mono.error(RuleViolation.unprocessable("currency-mismatch",
                    "a standalone contract is in the reporting currency " + reportingCurrency));
        }
        return Flux.fromIterable(r.owners()).concatMap(o -> org.requireKnownRep(o.repId())).then(Mono.just(
                new DraftTerms(null, r.accountId(), r.title() == null ? "Contract" : r.title(), r.owners(),
                        r.dimensions() == null ? Dimensions.NONE : r.dimensions(), r.value(), BigDecimal.ONE, reportingCurrency,
                        r.terms(), r.startDate() == null ? today() : r.startDate(), r.endDate(), r.externalRef())));
    }

    private DraftTerms fromOpportunity(OpportunityWonView won, NewContract r) {
        Money dealValue = Money.of(won.amount().amount(), won.amount().currency());
        Money value = r.value() != null ? r.value() : dealValue;
        if (!value.currency().equals(dealValue.currency())) {
            throw RuleViolation.unprocessable("currency-mismatch", "a contract keeps its opportunity's currency " + dealValue.currency());
        }
        // owners with splits come from the opportunity; a request may not redistribute them
        return new DraftTerms(UUID.fromString(won.opportunityId()), UUID.fromString(won.accountId()),
                r.title() != null ? r.title() : won.title(), owners(won), dimensions(won), value, new BigDecimal(won.fxRate()),
                Currency.getInstance(won.reportingAmount().currency()), r.terms(),
                r.startDate() != null ? r.startDate() : LocalDate.parse(won.closeDate()), r.endDate(),
                r.externalRef() != null ? r.externalRef() : null);
    }

    private Mono<Contract> draftAndInsert(DraftTerms terms, Actor by, Caller caller) {
        Instant now = clock.instant();
        return contracts.nextNumber(today().getYear())
                .map(number -> Contract.draft(EventIds.newId(), number, terms, by, now))
                .flatMap(contract -> contracts.insert(contract, now)
                        .then(audit.record(caller, "ContractDrafted", "contract", contract.id(), null, ContractAudit.snapshot(contract),
                                terms.opportunityId() == null ? "standalone" : "from opportunity " + terms.opportunityId()))
                        .then(contracts.load(contract.id())))
                .onErrorMap(DataIntegrityViolationException.class, e -> RuleViolation.conflict("duplicate-contract",
                        terms.opportunityId() != null ? "opportunity " + terms.opportunityId() + " already has a contract"
                                : "a contract with externalRef " + terms.externalRef() + " exists"));
    }

    /** The OpportunityWon payload heard of here, else 422 not yet known here; 409 when the win was reopened since. */
    private Mono<OpportunityWonView> wonOpportunity(UUID opportunityId) {
        return db.sql("select payload::text as p, reopened_on from won_opportunity where opportunity_id = :o").bind("o", opportunityId)
                .map(row -> {
                    LocalDate reopenedOn = row.get("reopened_on", LocalDate.class);
                    if (reopenedOn != null) {
                        throw new RuleViolation(RuleViolation.Kind.CONFLICT, "opportunity-reopened",
                                "opportunity " + opportunityId + " was reopened on " + reopenedOn + "; draft its contract once it is won again",
                                Map.of("reopenedOn", reopenedOn.toString()));
                    }
                    return json.readValue(row.get("p", String.class), OpportunityWonView.class);
                }).one()
                .switchIfEmpty(Mono.error(() -> new RuleViolation(RuleViolation.Kind.UNPROCESSABLE, "not-yet-known-here",
                        "opportunity " + opportunityId + " is not known here as won; retry once its OpportunityWon has arrived",
                        Map.of("kind", "opportunity", "id", opportunityId.toString()))));
    }

    /** Who the service itself is when it acts on an event (drafts, withdrawals, flags). */
    public static final String SYSTEM_SUBJECT = "contract-service";

    private static Caller system() {
        return new Caller(SYSTEM_SUBJECT, Set.of(Role.INTEGRATION), null, Set.of());
    }

    /**
     * The won opportunity was reopened (called inside the inbox transaction). The win is kept as reopened (no draft by
     * API until it is won again). Its contract, if any: an automatic draft nobody submitted is withdrawn (removed, audited
     * as {@code ContractWithdrawn}: nothing was signed or published about it, and a new win drafts again); any other is
     * kept and flagged (audited as {@code OpportunityReopened}): not submitted, approved or signed until the opportunity is
     * won again, and a signed one is left for a human to amend or terminate (target-service reverses the credit itself).
     */
    public Mono<Void> recordReopenedOpportunity(UUID opportunityId, LocalDate on, String reason) {
        Caller system = system();
        Mono<Long> markWin = db.sql("update won_opportunity set reopened_on = :on, reopen_reason = :reason where opportunity_id = :o")
                .bind("on", on).bind("reason", reason).bind("o", opportunityId).fetch().rowsUpdated();
        return markWin.then(contracts.idByOpportunity(opportunityId)).flatMap(contracts::load).flatMap(contract -> {
            Map<String, Object> before = ContractAudit.snapshot(contract);
            if (contract.isUntouchedDraftOf(SYSTEM_SUBJECT)) {
                return contracts.delete(contract.id()).then(audit.record(system, "ContractWithdrawn", "contract", contract.id(), before,
                        null, "opportunity reopened on " + on + ": " + reason));
            }
            contract.flagOpportunityReopened(on, reason);
            return save(system, contract, "OpportunityReopened", before, reason).then();
        });
    }

    /** Keeps a won opportunity and, when {@code draft}, drafts its contract once (called inside the inbox transaction). */
    public Mono<Void> recordWonOpportunity(OpportunityWonView won, String payloadJson, UUID eventId, boolean draft) {
        UUID opportunityId = UUID.fromString(won.opportunityId());
        Mono<Void> keep = db.sql("""
                insert into won_opportunity (opportunity_id, pipeline_id, payload, event_id, received_at)
                values (:o, :p, :payload, :e, :at)
                on conflict (opportunity_id) do update set payload = excluded.payload, event_id = excluded.event_id,
                    received_at = excluded.received_at, reopened_on = null, reopen_reason = null""")
                .bind("o", opportunityId).bind("p", UUID.fromString(won.pipelineId()))
                .bind("payload", io.r2dbc.postgresql.codec.Json.of(payloadJson)).bind("e", eventId).bind("at", clock.instant())
                .fetch().rowsUpdated().then();
        Caller system = system();
        // a contract flagged when its opportunity was reopened goes on now that it is won again
        Mono<Boolean> existing = contracts.idByOpportunity(opportunityId).flatMap(contracts::load)
                .flatMap(contract -> {
                    if (contract.opportunityReopening().isEmpty()) {
                        return Mono.just(true);
                    }
                    Map<String, Object> before = ContractAudit.snapshot(contract);
                    contract.clearOpportunityReopened();
                    return save(system, contract, "OpportunityWonAgain", before, "opportunity won again").thenReturn(true);
                })
                .defaultIfEmpty(false);
        // once per opportunity, even when the event comes twice with different ids: the unique opportunity_id decides
        return keep.then(existing)
                .flatMap(exists -> exists || !draft ? Mono.<Void>empty()
                        : draftAndInsert(fromOpportunity(won, new NewContract(opportunityId, null, null, null, null, null, null,
                        null, null, null)), new Actor(SYSTEM_SUBJECT, null), system).then());
    }

    private static List<OwnerShare> owners(OpportunityWonView won) {
        return won.owners().stream().map(o -> new OwnerShare(UUID.fromString(o.repId()), new BigDecimal(o.splitPercent()), o.primary())).toList();
    }

    private static Dimensions dimensions(OpportunityWonView won) {
        OpportunityWonView.Dimensions d = won.dimensions();
        return d == null ? Dimensions.NONE : new Dimensions(d.productLine(), d.region(), d.channel(), d.customerSegment());
    }

    private Mono<Void> requireOwnersInScope(CallerScope scope, List<OwnerShare> owners) {
        if (scope.isAll() || owners == null) {
            return Mono.empty();
        }
        boolean all = owners.stream().allMatch(o -> scope.canSeeRep(o.repId()));
        boolean some = owners.stream().anyMatch(o -> scope.canSeeRep(o.repId()));
        // a REP drafts contracts they (co-)own; a MANAGER those of reps in their subtree
        return scope.caller().hasRole(Role.MANAGER) ? (all ? Mono.empty() : outOfScope()) : (some ? Mono.empty() : outOfScope());
    }

    private static Mono<Void> outOfScope() {
        return Mono.error(RuleViolation.unprocessable("owners-outside-scope", "the contract's owners are outside your scope"));
    }

    // ---- changes ----

    /** Loads, checks scope and version, applies {@code change}, saves, writes events and audit; returns the saved contract. */
    public Mono<Contract> change(Caller caller, UUID id, String ifMatch, String auditAction, String reason,
                                 Consumer<Contract> change) {
        return scopeOf(caller).flatMap(scope -> {
            scope.requireScope("contracts.write");
            return visible(scope, id).flatMap(contract -> {
                Versions.requireIfMatch(ifMatch, contract.rowVersion());
                Map<String, Object> before = ContractAudit.snapshot(contract);
                change.accept(contract);
                return save(caller, contract, auditAction, before, reason);
            });
        }).as(tx::transactional);
    }

    private Mono<Contract> save(Caller caller, Contract contract, String auditAction, Map<String, Object> before, String reason) {
        Instant now = clock.instant();
        List<ContractEvent> events = contract.drainEvents();
        return contracts.update(contract, now)
                .then(outbox.appendAll(events.stream().map(e -> ContractEventPayloads.toMessage(contract, e, now)).toList()))
                .then(audit.record(caller, auditAction, "contract", contract.id(), before, ContractAudit.snapshot(contract), reason))
                .then(contracts.load(contract.id()));
    }

    public Mono<Contract> submit(Caller caller, UUID id, String ifMatch) {
        return rules.all().collectList().map(ApprovalPolicy::of)
                .flatMap(policy -> change(caller, id, ifMatch, "ContractSubmitted", null, c -> c.submit(actor(caller), policy)));
    }

    public Mono<Contract> decide(Caller caller, UUID id, String ifMatch, boolean approve, String comment) {
        if (approverRoles(caller).isEmpty()) {
            // a rep or a client never decides a step, whatever the contract's state: 403 before 404 or 409
            return Mono.error(new RuleViolation(RuleViolation.Kind.FORBIDDEN, "not-the-approver",
                    "only a MANAGER, DIRECTOR or ADMIN decides an approval step"));
        }
        return contracts.load(id).flatMap(loaded -> managesOwnersUnit(caller, loaded))
                .defaultIfEmpty(false)
                .flatMap(manages -> change(caller, id, ifMatch, approve ? "ContractApproved" : "ContractRejected", comment, c -> {
                    Approver approver = new Approver(actor(caller), approverRoles(caller), manages);
                    if (approve) {
                        c.approve(approver, comment, clock.instant());
                    } else {
                        c.reject(approver, comment, clock.instant());
                    }
                }));
    }

    /** True when the caller manages, on today's tree, a unit the contract's primary owner belongs to (directly or above). */
    private Mono<Boolean> managesOwnersUnit(Caller caller, Contract contract) {
        if (!caller.hasRole(Role.MANAGER) || caller.repId() == null) {
            return Mono.just(false);
        }
        return org.managersOf(contract.primaryOwner(), today()).any(caller.repId()::equals);
    }

    private static Set<ApproverRole> approverRoles(Caller caller) {
        Set<ApproverRole> roles = EnumSet.noneOf(ApproverRole.class);
        if (caller.hasRole(Role.MANAGER)) roles.add(ApproverRole.MANAGER);
        if (caller.hasRole(Role.DIRECTOR)) roles.add(ApproverRole.DIRECTOR);
        if (caller.hasRole(Role.ADMIN)) roles.add(ApproverRole.ADMIN);
        return roles;
    }

    public Mono<Contract> amend(Caller caller, UUID id, String ifMatch, Amendment amendment) {
        requireRole(caller, "contracts.write", Role.ADMIN, Role.DIRECTOR, Role.MANAGER);
        return change(caller, id, ifMatch, "ContractAmended", amendment.reason(),
                c -> c.amend(amendment, actor(caller), clock.instant()));
    }

    public Mono<Contract> planMilestones(Caller caller, UUID id, String ifMatch, List<Milestone> milestones) {
        return change(caller, id, ifMatch, "MilestonesPlanned", null, c -> c.planMilestones(milestones, EventIds::newId))
                // a client-chosen milestone id that another contract already uses
                .onErrorMap(DataIntegrityViolationException.class, e -> RuleViolation.conflict("duplicate-milestone-id",
                        "a milestone id of this plan belongs to another contract"));
    }

    public Mono<Contract> completeMilestone(Caller caller, UUID id, UUID milestoneId, String ifMatch, LocalDate on) {
        return change(caller, id, ifMatch, "MilestoneCompleted", null, c -> c.completeMilestone(milestoneId, on == null ? today() : on));
    }

    public Mono<Contract> planPayments(Caller caller, UUID id, String ifMatch, List<Instalment> plan) {
        return change(caller, id, ifMatch, "PaymentPlanned", null, c -> c.planPayments(plan));
    }

    /** What recording a payment answered: the contract and the payment, and whether it was recorded before (same externalRef). */
    public record RecordedPayment(Contract contract, Payment payment, boolean replayed) {
    }

    /**
     * Records a payment; with an {@code externalRef} already recorded on this contract it answers the first payment
     * and records nothing (an ERP retrying is safe). No If-Match: payments add up, they do not overwrite.
     */
    public Mono<RecordedPayment> recordPayment(Caller caller, UUID id, Money amount, LocalDate receivedDate, String externalRef, UUID milestoneId) {
        requireRole(caller, "payments.write", Role.ADMIN, Role.DIRECTOR, Role.MANAGER);
        return scopeOf(caller).flatMap(scope -> visible(scope, id).flatMap(contract -> {
            Mono<UUID[]> earlier = externalRef == null ? Mono.empty() : contracts.paymentByExternalRef(externalRef);
            return earlier.flatMap(found -> {
                if (!found[1].equals(id)) {
                    return Mono.<RecordedPayment>error(RuleViolation.conflict("duplicate-external-ref",
                            "payment externalRef " + externalRef + " is recorded on another contract"));
                }
                Payment first = contract.payments().stream().filter(p -> p.id().equals(found[0])).findFirst().orElseThrow();
                return Mono.just(new RecordedPayment(contract, first, true));
            }).switchIfEmpty(Mono.defer(() -> {
                Map<String, Object> before = ContractAudit.snapshot(contract);
                Payment payment = new Payment(EventIds.newId(), amount, receivedDate == null ? today() : receivedDate, externalRef,
                        milestoneId, caller.sub(), caller.repId(), clock.instant());
                contract.receivePayment(payment);
                return save(caller, contract, "PaymentRecorded", before, externalRef)
                        .map(saved -> new RecordedPayment(saved, payment, false));
            }));
        })).onErrorMap(DataIntegrityViolationException.class, e -> RuleViolation.conflict("duplicate-external-ref",
                "payment externalRef " + externalRef + " was recorded concurrently; retry to read it"))
                .as(tx::transactional);
    }

    // ---- helpers ----

    static Actor actor(Caller caller) {
        return new Actor(caller.sub(), caller.repId());
    }

    /** People need one of {@code roles}; an integration client needs {@code clientScope}. Else 403. */
    static void requireRole(Caller caller, String clientScope, Role... roles) {
        if (caller.hasAnyRole(roles)) {
            return;
        }
        if (caller.hasRole(Role.INTEGRATION) && caller.hasScope(clientScope)) {
            return;
        }
        throw new AccessDeniedException("this role may not do this");
    }

    /** A contract (or another thing) that does not exist or lies outside the caller's scope. */
    public static final class NotFound extends RuntimeException {
        public NotFound(String what, UUID id) {
            super(what + " " + id + " not found");
        }
    }
}
