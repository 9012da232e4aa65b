package com.quota.pipeline.opportunity.application;

import com.quota.pipeline.audit.application.PipelineAudit;

import com.quota.api.paging.PageQuery;
import com.quota.api.paging.SortFields;

import com.quota.messaging.outbox.EventIds;
import com.quota.messaging.outbox.OutboxMessage;
import com.quota.messaging.outbox.OutboxWriter;
import com.quota.pipeline.account.application.AccountStore;
import com.quota.pipeline.account.application.StoredAccount;
import com.quota.pipeline.company.CompanyTime;
import com.quota.pipeline.failure.ConflictException;
import com.quota.pipeline.failure.InvalidInputException;
import com.quota.pipeline.failure.NotFoundException;
import com.quota.pipeline.failure.RuleViolationException;
import com.quota.pipeline.failure.StaleVersionException;
import com.quota.pipeline.fx.application.FxRates;
import com.quota.pipeline.integration.outbound.OpportunityEvents;
import com.quota.pipeline.integration.outbound.OpportunityEvents.Actor;
import com.quota.pipeline.integration.outbound.OpportunityEvents.Context;
import com.quota.pipeline.opportunity.Dimensions;
import com.quota.pipeline.opportunity.FxQuote;
import com.quota.pipeline.opportunity.Opportunity;
import com.quota.pipeline.opportunity.OpportunityChange;
import com.quota.pipeline.opportunity.OpportunityStatus;
import com.quota.pipeline.opportunity.OwnerShare;
import com.quota.pipeline.opportunity.Owners;
import com.quota.pipeline.pipeline.Pipeline;
import com.quota.pipeline.pipeline.Stage;
import com.quota.pipeline.pipeline.application.PipelineStore;
import com.quota.pipeline.scope.RepScope;
import com.quota.pipeline.scope.Scopes;
import com.quota.resourceserver.Caller;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The opportunity lifecycle: each command loads the deal within the caller's scope (else 404), checks the version when
 * given, applies the domain rule, then writes the row, its history and its events to the outbox in one transaction.
 */
@Service
public class OpportunityUseCases {

    /** The fields of a new opportunity. */
    public record OpportunityDraft(UUID accountId, UUID pipelineId, String title, BigDecimal amount, String currency,
                                   LocalDate expectedCloseDate, Dimensions dimensions, List<OwnerShare> owners,
                                   String stageCode, String externalRef) {
    }

    /** Filters of the opportunity list. */
    public record OpportunityFilter(OpportunityStatus status, UUID ownerRepId, UUID accountId, UUID pipelineId, String externalRef) {
    }

    /** A page of opportunities. */
    public record OpportunityPage(List<StoredOpportunity> items, long total) {
    }

    /** What a command decided beside the aggregate's own state. */
    private record Outcome(String winReason, String lossReason, String competitor, boolean firstWin) {
        static Outcome keep(StoredOpportunity s) {
            return new Outcome(s.winReason(), s.lossReason(), s.competitor(), false);
        }
    }

    /** A domain command on a loaded opportunity. */
    @FunctionalInterface
    private interface Command {
        Mono<Outcome> apply(StoredOpportunity stored, LocalDate today, Instant now);
    }

    static final String SCOPE = "opportunities.write";

    private final OpportunityStore store;
    private final PipelineStore pipelines;
    private final AccountStore accounts;
    private final FxRates fx;
    private final Scopes scopes;
    private final CompanyTime company;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final JsonMapper json;
    private final PipelineAudit audit;

    public OpportunityUseCases(OpportunityStore store, PipelineStore pipelines, AccountStore accounts, FxRates fx,
                               Scopes scopes, CompanyTime company, OutboxWriter outbox, TransactionalOperator tx,
                               JsonMapper json, PipelineAudit audit) {
        this.audit = audit;
        this.store = store;
        this.pipelines = pipelines;
        this.accounts = accounts;
        this.fx = fx;
        this.scopes = scopes;
        this.company = company;
        this.outbox = outbox;
        this.tx = tx;
        this.json = json;
    }

    public Mono<StoredOpportunity> create(Caller caller, OpportunityDraft draft) {
        return scopes.of(caller, SCOPE).flatMap(scope -> {
            Owners owners = owners(caller, draft.owners());
            Currency currency = currency(draft.currency());
            if (!scope.canSeeAny(owners.repIds())) {
                return Mono.error(new NotFoundException("owner rep"));
            }
            LocalDate today = company.today();
            Instant now = company.now();
            return Flux.fromIterable(owners.repIds()).concatMap(scopes::requireKnownRep).then()
                    .then(accounts.find(draft.accountId() == null ? new UUID(0, 0) : draft.accountId())
                            .switchIfEmpty(Mono.error(new RuleViolationException("account-unknown",
                                    "account " + draft.accountId() + " does not exist"))))
                    .zipWith(pipelines.find(draft.pipelineId() == null ? new UUID(0, 0) : draft.pipelineId())
                            .switchIfEmpty(Mono.error(new RuleViolationException("pipeline-unknown",
                                    "pipeline " + draft.pipelineId() + " does not exist"))))
                    .flatMap(t -> {
                        StoredAccount account = t.getT1();
                        Pipeline pipeline = t.getT2().pipeline();
                        Stage stage = draft.stageCode() == null ? null : pipeline.stageByCode(draft.stageCode())
                                .orElseThrow(() -> new RuleViolationException("stage-unknown",
                                        "the pipeline has no stage " + draft.stageCode()));
                        Opportunity o = Opportunity.create(EventIds.newId(), account.id(), pipeline, draft.title(),
                                draft.amount(), currency, draft.expectedCloseDate(), draft.dimensions(), owners, stage,
                                blankToNull(draft.externalRef()), today, now);
                        return fx.quote(currency, today).flatMap(quote -> {
                            Context context = new Context(account.name(), quote, actor(caller), false, now);
                            return store.insert(o, today)
                                    .then(ownership(o.id(), "CREATED", null, o.owners(), null, today, caller, now))
                                    .then(outbox.appendAll(events(o, o.changes(), context)))
                                    .then(accounts.touchFollowUp(account.id(), now))
                                    .then(audit.record(caller, "CREATE", PipelineAudit.OPPORTUNITY, o.id(), null,
                                            PipelineAudit.snapshot(o), null))
                                    .as(tx::transactional)
                                    .onErrorMap(DataIntegrityViolationException.class, e -> new ConflictException("duplicate",
                                            "an opportunity with externalRef " + draft.externalRef() + " exists"))
                                    .then(store.find(o.id()));
                        });
                    });
        });
    }

    /** CRM sync: creates the opportunity with this externalRef, or updates its fields when it exists. */
    public Mono<StoredOpportunity> upsertByExternalRef(Caller caller, OpportunityDraft draft) {
        if (draft.externalRef() == null || draft.externalRef().isBlank()) {
            return Mono.error(new InvalidInputException("externalRef", "is required"));
        }
        return store.idByExternalRef(draft.externalRef())
                .flatMap(id -> update(caller, id, null, draft.title(), draft.amount(), draft.expectedCloseDate(), draft.dimensions()))
                .switchIfEmpty(Mono.defer(() -> create(caller, draft)));
    }

    public Mono<StoredOpportunity> get(Caller caller, UUID id) {
        return scopes.of(caller, SCOPE).flatMap(scope -> visible(scope, id));
    }

    private Mono<StoredOpportunity> visible(RepScope scope, UUID id) {
        return store.find(id).filter(s -> scope.canSeeAny(s.opportunity().owners().repIds()))
                .switchIfEmpty(Mono.error(new NotFoundException("opportunity")));
    }

    /** The fields the opportunity list sorts by (API name → column); anything else is 400 invalid-sort. */
    public static final SortFields SORT_FIELDS = SortFields.of(java.util.Map.of("createdAt", "t.created_at",
            "updatedAt", "t.updated_at", "title", "t.title", "amount", "t.amount", "expectedCloseDate",
            "t.expected_close_date", "closeDate", "t.close_date", "status", "t.status", "stageEnteredOn",
            "t.stage_entered_on"));

    /** The opportunity list's order without a sort parameter: newest first. */
    public static final String DEFAULT_SORT = "createdAt,desc";

    public Mono<OpportunityPage> list(Caller caller, OpportunityFilter filter, PageQuery page) {
        return scopes.of(caller, SCOPE).flatMap(scope -> {
            StringBuilder where = new StringBuilder(scope.all() ? "TRUE"
                    : "EXISTS (SELECT 1 FROM opportunity_owner oo WHERE oo.opportunity_id = t.id AND oo.rep_id = ANY(:scopeReps))");
            Map<String, Object> binds = new HashMap<>();
            if (!scope.all()) {
                binds.put("scopeReps", scope.repArray());
            }
            if (filter.status() != null) {
                where.append(" AND t.status = :status");
                binds.put("status", filter.status().name());
            }
            if (filter.ownerRepId() != null) {
                where.append(" AND EXISTS (SELECT 1 FROM opportunity_owner ow WHERE ow.opportunity_id = t.id AND ow.rep_id = :owner)");
                binds.put("owner", filter.ownerRepId());
            }
            if (filter.accountId() != null) {
                where.append(" AND t.account_id = :account");
                binds.put("account", filter.accountId());
            }
            if (filter.pipelineId() != null) {
                where.append(" AND t.pipeline_id = :pipeline");
                binds.put("pipeline", filter.pipelineId());
            }
            if (filter.externalRef() != null) {
                where.append(" AND t.external_ref = :ref");
                binds.put("ref", filter.externalRef());
            }
            String order = page.orderBySql("t.id") + " LIMIT " + page.size() + " OFFSET " + page.offset();
            return store.list(where.toString(), binds, order).concatMap(store::find).collectList()
                    .zipWith(store.count(where.toString(), binds))
                    .map(t -> new OpportunityPage(t.getT1(), t.getT2()));
        });
    }

    public Mono<StoredOpportunity> update(Caller caller, UUID id, Long expectedVersion, String title, BigDecimal amount,
                                          LocalDate expectedCloseDate, Dimensions dimensions) {
        return command(caller, id, expectedVersion, (s, today, now) -> {
            s.opportunity().update(title, amount, expectedCloseDate, dimensions);
            return Mono.just(Outcome.keep(s));
        });
    }

    public Mono<StoredOpportunity> advance(Caller caller, UUID id, Long expectedVersion, String stageCode) {
        return command(caller, id, expectedVersion, (s, today, now) -> {
            s.opportunity().advance(stage(s, stageCode), today, now);
            return Mono.just(Outcome.keep(s));
        });
    }

    public Mono<StoredOpportunity> moveBack(Caller caller, UUID id, Long expectedVersion, String stageCode) {
        return command(caller, id, expectedVersion, (s, today, now) -> {
            s.opportunity().moveBack(stage(s, stageCode), today, now);
            return Mono.just(Outcome.keep(s));
        });
    }

    public Mono<StoredOpportunity> transfer(Caller caller, UUID id, Long expectedVersion, List<OwnerShare> newOwners,
                                            String reason, LocalDate effectiveDate) {
        return ownersCommand(caller, id, expectedVersion, newOwners, (s, owners, today) ->
                s.opportunity().transfer(owners, reason, effectiveDate == null ? today : effectiveDate));
    }

    public Mono<StoredOpportunity> changeOwners(Caller caller, UUID id, Long expectedVersion, List<OwnerShare> newOwners,
                                                String reason, LocalDate effectiveDate) {
        return ownersCommand(caller, id, expectedVersion, newOwners, (s, owners, today) ->
                s.opportunity().changeOwners(owners, reason, effectiveDate == null ? today : effectiveDate));
    }

    private interface OwnersChange {
        void apply(StoredOpportunity s, Owners owners, LocalDate today);
    }

    private Mono<StoredOpportunity> ownersCommand(Caller caller, UUID id, Long expectedVersion, List<OwnerShare> newOwners,
                                                  OwnersChange change) {
        return Mono.defer(() -> {
            if (newOwners == null) {
                throw new InvalidInputException("owners", "is required");
            }
            Owners owners = new Owners(newOwners);
            return Flux.fromIterable(owners.repIds()).concatMap(scopes::requireKnownRep).then(
                    command(caller, id, expectedVersion, (s, today, now) -> {
                        change.apply(s, owners, today);
                        return Mono.just(Outcome.keep(s));
                    }));
        });
    }

    public Mono<StoredOpportunity> suspend(Caller caller, UUID id, Long expectedVersion, String reason) {
        return command(caller, id, expectedVersion, (s, today, now) -> {
            s.opportunity().suspend(reason);
            return Mono.just(Outcome.keep(s));
        });
    }

    public Mono<StoredOpportunity> reactivate(Caller caller, UUID id, Long expectedVersion, String reason) {
        return command(caller, id, expectedVersion, (s, today, now) -> {
            s.opportunity().reactivate(reason);
            return Mono.just(Outcome.keep(s));
        });
    }

    public Mono<StoredOpportunity> terminate(Caller caller, UUID id, Long expectedVersion, String reason) {
        return command(caller, id, expectedVersion, (s, today, now) -> {
            s.opportunity().terminate(reason);
            return Mono.just(Outcome.keep(s));
        });
    }

    public Mono<StoredOpportunity> archive(Caller caller, UUID id, Long expectedVersion, String reason) {
        return command(caller, id, expectedVersion, (s, today, now) -> {
            s.opportunity().archive(reason);
            return Mono.just(Outcome.keep(s));
        });
    }

    /** Wins on {@code closeDate} (default today); 422 when the rate table has no rate for the currency on that date. */
    public Mono<StoredOpportunity> win(Caller caller, UUID id, Long expectedVersion, LocalDate closeDate, String reason) {
        return command(caller, id, expectedVersion, (s, today, now) -> {
            Opportunity o = s.opportunity();
            LocalDate on = closeDate == null ? today : closeDate;
            // the status is checked before the rate: winning a suspended deal is refused as a transition
            if (!o.status().allows(com.quota.pipeline.opportunity.OpportunityAction.WIN)) {
                throw new com.quota.pipeline.opportunity.TransitionRefusedException(o.status(),
                        com.quota.pipeline.opportunity.OpportunityAction.WIN);
            }
            if (on.isAfter(today)) {
                throw new InvalidInputException("closeDate", "must not be in the future");
            }
            return fx.quote(o.currency(), on)
                    .zipWith(store.accountHasOtherWin(o.accountId(), o.id()))
                    .map(t -> {
                        o.win(on, today, reason, t.getT1(), now);
                        return new Outcome(blankToNull(reason), null, null, !t.getT2());
                    });
        });
    }

    public Mono<StoredOpportunity> lose(Caller caller, UUID id, Long expectedVersion, LocalDate closeDate, String reason,
                                        String competitor) {
        return command(caller, id, expectedVersion, (s, today, now) -> {
            s.opportunity().lose(closeDate == null ? today : closeDate, today, reason, competitor, now);
            return Mono.just(new Outcome(null, reason.strip(), competitor.strip(), false));
        });
    }

    public Mono<StoredOpportunity> reopen(Caller caller, UUID id, Long expectedVersion, String stageCode, String reason) {
        return command(caller, id, expectedVersion, (s, today, now) -> {
            s.opportunity().reopen(stage(s, stageCode), reason, today, now);
            return Mono.just(new Outcome(null, null, null, false));
        });
    }

    /**
     * Logs a follow-up with its cost; it counts as a follow-up of the account too (the pool's recycle rule). The cost's
     * reporting amount is fixed now at the rate in force on the day it took place (422 {@code fx-rate-missing} without
     * one, as a win), and OpportunityActivityLogged goes to the outbox in the same transaction.
     */
    public Mono<ActivityRecord> addActivity(Caller caller, UUID id, String kind, String subject, LocalDate occurredOn,
                                            BigDecimal costAmount, String costCurrency) {
        return scopes.of(caller, SCOPE).flatMap(scope -> visible(scope, id)).flatMap(s -> {
            s.opportunity().requireActivityAllowed();
            if (subject == null || subject.isBlank()) {
                throw new InvalidInputException("subject", "is required");
            }
            if (kind == null || kind.isBlank()) {
                throw new InvalidInputException("kind", "is required");
            }
            LocalDate on = occurredOn == null ? company.today() : occurredOn;
            if (on.isAfter(company.today())) {
                throw new InvalidInputException("occurredOn", "must not be in the future");
            }
            Currency c = null;
            BigDecimal cost = null;
            if (costAmount != null) {
                c = currency(costCurrency);
                if (costAmount.signum() < 0 || costAmount.stripTrailingZeros().scale() > c.getDefaultFractionDigits()) {
                    throw new InvalidInputException("cost.amount", "must be 0 or more at the currency's minor unit");
                }
                cost = costAmount.setScale(c.getDefaultFractionDigits());
            }
            BigDecimal fixedCost = cost;
            Currency fixedCurrency = c;
            Mono<java.util.Optional<FxQuote>> quote = c == null ? Mono.just(java.util.Optional.empty())
                    : fx.quote(c, on).map(java.util.Optional::of);
            return quote.flatMap(q -> {
                Instant now = company.now();
                FxQuote rate = q.orElse(null);
                ActivityRecord activity = new ActivityRecord(EventIds.newId(), kind.strip(), subject.strip(), on, fixedCost,
                        fixedCurrency == null ? null : fixedCurrency.getCurrencyCode(),
                        rate == null ? null : rate.convert(fixedCost),
                        rate == null ? null : rate.reportingCurrency().getCurrencyCode(),
                        rate == null ? null : rate.rate(), rate == null ? null : rate.rateDate(), caller.sub(), now);
                return store.addActivity(id, activity)
                        .then(accounts.touchFollowUp(s.opportunity().accountId(), now))
                        .then(audit.record(caller, "ADD_ACTIVITY", PipelineAudit.OPPORTUNITY, id, null, activity, null))
                        .then(outbox.append(OpportunityEvents.activityLogged(s.opportunity(), activity, actor(caller))))
                        .as(tx::transactional).thenReturn(activity);
            });
        });
    }

    public Flux<ActivityRecord> activities(Caller caller, UUID id) {
        return get(caller, id).flatMapMany(s -> store.activities(id));
    }

    public Flux<com.quota.pipeline.opportunity.StageVisit> stageHistory(Caller caller, UUID id) {
        return get(caller, id).flatMapMany(s -> store.history(id));
    }

    public Flux<OwnershipRecord> ownershipHistory(Caller caller, UUID id) {
        return get(caller, id).flatMapMany(s -> store.ownershipHistory(id));
    }

    private Mono<StoredOpportunity> command(Caller caller, UUID id, Long expectedVersion, Command command) {
        return scopes.of(caller, SCOPE).flatMap(scope -> visible(scope, id)).flatMap(stored -> {
            if (expectedVersion != null && expectedVersion != stored.version()) {
                return Mono.error(new StaleVersionException(stored.version()));
            }
            LocalDate today = company.today();
            Instant now = company.now();
            Owners ownersBefore = stored.opportunity().owners();
            Map<String, Object> before = PipelineAudit.snapshot(stored.opportunity());
            return command.apply(stored, today, now)
                    .flatMap(outcome -> persist(stored, ownersBefore, before, outcome, caller, today, now));
        }).as(tx::transactional); // one transaction from the command's reads to its writes (a win's first-win check holds its lock to the commit)
    }

    private Mono<StoredOpportunity> persist(StoredOpportunity stored, Owners ownersBefore, Map<String, Object> before,
                                            Outcome outcome, Caller caller, LocalDate today, Instant now) {
        Opportunity o = stored.opportunity();
        List<OpportunityChange> changes = o.changes();
        boolean needsRate = changes.stream().anyMatch(c -> c instanceof OpportunityChange.StageChanged
                || c instanceof OpportunityChange.Lost || c instanceof OpportunityChange.Transferred
                || c instanceof OpportunityChange.Reopened r && r.fixedFx() == null);
        Mono<FxQuote> rate = needsRate ? fx.quote(o.currency(), today) : Mono.just(FxQuote.identity(o.currency(), today));
        return rate.zipWith(accounts.find(o.accountId()).map(StoredAccount::name).defaultIfEmpty("?")).flatMap(t -> {
            Context context = new Context(t.getT2(), t.getT1(), actor(caller), outcome.firstWin(), now);
            Mono<Void> owners = Mono.empty();
            for (OpportunityChange change : changes) {
                if (change instanceof OpportunityChange.Transferred transferred) {
                    owners = owners.then(store.replaceOwners(o.id(), o.owners(), true))
                            .then(ownership(o.id(), transferred.kind().name(), ownersBefore, transferred.owners(),
                                    transferred.reason(), transferred.effectiveDate(), caller, now));
                }
            }
            return store.update(stored, outcome.winReason(), outcome.lossReason(), outcome.competitor())
                    .flatMap(rows -> rows == 0 ? Mono.error(new StaleVersionException(stored.version() + 1)) : Mono.empty())
                    .then(store.writeHistory(o, stored.storedHistorySize() - 1))
                    .then(store.refreshFunnelFacts(o.id()))
                    .then(owners)
                    .then(outbox.appendAll(events(o, changes, context)))
                    .then(audit.record(caller, PipelineAudit.action(changes), PipelineAudit.OPPORTUNITY, o.id(), before,
                            PipelineAudit.snapshot(o), PipelineAudit.reason(changes)))
                    .as(tx::transactional)
                    .then(store.find(o.id()));
        });
    }

    private List<OutboxMessage> events(Opportunity o, List<OpportunityChange> changes, Context context) {
        List<OutboxMessage> messages = new ArrayList<>();
        for (OpportunityChange change : changes) {
            OpportunityEvents.of(o, change, context).ifPresent(messages::add);
        }
        return messages;
    }

    private Mono<Void> ownership(UUID id, String kind, Owners before, Owners after, String reason, LocalDate effective,
                                 Caller caller, Instant now) {
        return Mono.defer(() -> store.ownershipChange(id, kind,
                before == null ? null : json.writeValueAsString(OpportunityEvents.owners(before)),
                json.writeValueAsString(OpportunityEvents.owners(after)), reason, effective, caller.sub(), now));
    }

    private static Stage stage(StoredOpportunity s, String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        return s.opportunity().pipeline().stageByCode(code).orElseThrow(() -> new RuleViolationException("stage-unknown",
                "the pipeline has no stage " + code));
    }

    private static Owners owners(Caller caller, List<OwnerShare> shares) {
        if (shares == null || shares.isEmpty()) {
            if (caller.repId() == null) {
                throw new InvalidInputException("owners", "is required when the caller is not a rep");
            }
            return Owners.solely(caller.repId());
        }
        return new Owners(shares);
    }

    private static Currency currency(String code) {
        try {
            if (code == null || !code.matches("[A-Z]{3}")) {
                throw new IllegalArgumentException();
            }
            Currency currency = Currency.getInstance(code);
            if (currency.getDefaultFractionDigits() < 0) {
                // XXX, XAU and the like are codes without a minor unit, not money
                throw new IllegalArgumentException();
            }
            return currency;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("amount.currency", "must be an ISO 4217 code such as CNY");
        }
    }

    private static Actor actor(Caller caller) {
        return new Actor(caller.sub(), caller.repId());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
