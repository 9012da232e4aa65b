package com.quota.pipeline.account.application;

import com.quota.pipeline.audit.application.PipelineAudit;

import com.quota.api.paging.PageQuery;
import com.quota.api.paging.SortFields;

import com.quota.messaging.outbox.EventIds;
import com.quota.pipeline.account.AccountMove;
import com.quota.pipeline.account.PickRules;
import com.quota.pipeline.company.CompanyTime;
import com.quota.pipeline.failure.ConflictException;
import com.quota.pipeline.failure.ForbiddenException;
import com.quota.pipeline.failure.InvalidInputException;
import com.quota.pipeline.failure.NotFoundException;
import com.quota.pipeline.failure.RuleViolationException;
import com.quota.pipeline.failure.StaleVersionException;
import com.quota.pipeline.scope.RepScope;
import com.quota.pipeline.scope.Scopes;
import com.quota.resourceserver.Caller;
import com.quota.resourceserver.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Accounts and the customer pool. Reps see their own accounts and the pool; managers their subtree's; directors,
 * admins and integrations (scope {@code accounts.write}) all. Every owner change is one history row.
 */
@Service
public class AccountUseCases {

    /** The account fields a request sets. */
    public record AccountDraft(String name, UUID ownerRepId, String region, String segment, String industry, String externalRef) {
    }

    /** A filtered, paged list. */
    public record AccountPage(List<StoredAccount> items, long total) {
    }

    /** Filters of the account list. */
    public record AccountFilter(String externalRef, UUID ownerRepId, Boolean inPool, String region, String segment) {
    }

    static final String SCOPE = "accounts.write";
    private static final Logger log = LoggerFactory.getLogger(AccountUseCases.class);

    private final AccountStore store;
    private final Scopes scopes;
    private final CompanyTime company;
    private final TransactionalOperator tx;
    private final PipelineAudit audit;

    public AccountUseCases(AccountStore store, Scopes scopes, CompanyTime company, TransactionalOperator tx,
                           PipelineAudit audit) {
        this.audit = audit;
        this.store = store;
        this.scopes = scopes;
        this.company = company;
        this.tx = tx;
    }

    public Mono<StoredAccount> create(Caller caller, AccountDraft draft) {
        return scopes.of(caller, SCOPE).flatMap(scope -> {
            requireName(draft.name());
            if (draft.ownerRepId() != null && !scope.canSee(draft.ownerRepId())) {
                return Mono.error(new NotFoundException("owner rep"));
            }
            Mono<Void> known = draft.ownerRepId() == null ? Mono.empty() : scopes.requireKnownRep(draft.ownerRepId());
            Instant now = company.now();
            StoredAccount account = new StoredAccount(EventIds.newId(), draft.name().strip(), draft.ownerRepId(),
                    draft.region(), draft.segment(), draft.industry(), draft.externalRef(), now, 0);
            return known.then(store.insert(account)
                            .then(store.history(account.id(), AccountMove.CREATED, null, draft.ownerRepId(), null, caller.sub(), now))
                            .then(audit.record(caller, AccountMove.CREATED.name(), PipelineAudit.ACCOUNT, account.id(), null,
                                    snapshot(account), null))
                            .as(tx::transactional))
                    .onErrorMap(DataIntegrityViolationException.class,
                            e -> new ConflictException("duplicate", "an account with externalRef " + draft.externalRef() + " exists"))
                    .then(store.find(account.id()));
        });
    }

    /** Upserts by externalRef (CRM sync): creates, or updates the fields of the account with that reference. */
    public Mono<StoredAccount> upsertByExternalRef(Caller caller, AccountDraft draft) {
        if (draft.externalRef() == null || draft.externalRef().isBlank()) {
            return Mono.error(new InvalidInputException("externalRef", "is required"));
        }
        return scopes.of(caller, SCOPE).flatMap(scope -> store.list("external_ref = :ref", Map.of("ref", draft.externalRef()), "")
                .next()
                .flatMap(existing -> update(caller, existing.id(), existing.version(), draft))
                .switchIfEmpty(Mono.defer(() -> create(caller, draft))));
    }

    public Mono<StoredAccount> get(Caller caller, UUID id) {
        return visible(caller, id, false);
    }

    private Mono<StoredAccount> visible(Caller caller, UUID id, boolean write) {
        return scopes.of(caller, SCOPE).flatMap(scope -> store.find(id)
                .filter(a -> a.ownerRepId() == null ? !write || scope.all() || caller.repId() != null : scope.canSee(a.ownerRepId()))
                .switchIfEmpty(Mono.error(new NotFoundException("account"))));
    }

    /** The fields the account list sorts by (API name → column); anything else is 400 invalid-sort. */
    public static final SortFields SORT_FIELDS = SortFields.of(java.util.Map.of("name", "name", "region", "region",
            "segment", "segment", "industry", "industry", "createdAt", "created_at", "updatedAt", "updated_at",
            "lastFollowUpAt", "last_follow_up_at"));

    /** The account list's order without a sort parameter. */
    public static final String DEFAULT_SORT = "name,asc";

    public Mono<AccountPage> list(Caller caller, AccountFilter filter, PageQuery page) {
        return scopes.of(caller, SCOPE).flatMap(scope -> {
            StringBuilder where = new StringBuilder("(owner_rep_id IS NULL OR " + scope.predicate("owner_rep_id") + ")");
            Map<String, Object> binds = new HashMap<>();
            if (!scope.all()) {
                binds.put("scopeReps", scope.repArray());
            }
            if (filter.externalRef() != null) {
                where.append(" AND external_ref = :ref");
                binds.put("ref", filter.externalRef());
            }
            if (filter.ownerRepId() != null) {
                where.append(" AND owner_rep_id = :owner");
                binds.put("owner", filter.ownerRepId());
            }
            if (filter.inPool() != null) {
                where.append(filter.inPool() ? " AND owner_rep_id IS NULL" : " AND owner_rep_id IS NOT NULL");
            }
            if (filter.region() != null) {
                where.append(" AND region = :region");
                binds.put("region", filter.region());
            }
            if (filter.segment() != null) {
                where.append(" AND segment = :segment");
                binds.put("segment", filter.segment());
            }
            String order = page.orderByLimitOffsetSql();
            return store.list(where.toString(), binds, order).collectList()
                    .zipWith(store.count(where.toString(), binds))
                    .map(t -> new AccountPage(t.getT1(), t.getT2()));
        });
    }

    /** Changes name, region, segment and industry (the owner moves by claim, assign or release). */
    public Mono<StoredAccount> update(Caller caller, UUID id, long expectedVersion, AccountDraft draft) {
        requireName(draft.name());
        return visible(caller, id, true).flatMap(current -> {
            StoredAccount changed = new StoredAccount(id, draft.name().strip(), current.ownerRepId(), draft.region(),
                    draft.segment(), draft.industry(), current.externalRef(), current.lastFollowUpAt(), current.version());
            return write(changed, expectedVersion, current.version(), false)
                    .then(store.history(id, AccountMove.UPDATED, null, null, null, caller.sub(), company.now()))
                    .then(audit.record(caller, AccountMove.UPDATED.name(), PipelineAudit.ACCOUNT, id, snapshot(current),
                            snapshot(changed), null))
                    .as(tx::transactional)
                    .then(store.find(id));
        });
    }

    /** A rep takes an account from the pool, within the pick rules. */
    public Mono<StoredAccount> claim(Caller caller, UUID id) {
        if (caller.repId() == null || !caller.hasAnyRole(Role.REP, Role.MANAGER)) {
            return Mono.error(new ForbiddenException("only reps and managers claim accounts"));
        }
        UUID rep = caller.repId();
        Instant now = company.now();
        return scopes.requireKnownRep(rep).then(Mono.defer(() -> store.lock(id)
                .switchIfEmpty(Mono.error(new NotFoundException("account")))
                .flatMap(account -> {
                    if (account.ownerRepId() != null) {
                        return Mono.error(account.ownerRepId().equals(rep)
                                ? new ConflictException("already-owned", "you own this account already")
                                : new NotFoundException("account"));
                    }
                    return store.rules().flatMap(rules -> checkPickRules(account, rep, rules, now))
                            .then(move(account, rep, AccountMove.CLAIMED, null, caller, now));
                })
                .as(tx::transactional)));
    }

    private Mono<Void> checkPickRules(StoredAccount account, UUID rep, PickRules rules, Instant now) {
        LocalDate today = company.today();
        Instant startOfDay = today.atStartOfDay(company.zone()).toInstant();
        return store.claimsSince(rep, startOfDay).flatMap(claims -> claims >= rules.claimsPerRepPerDay()
                        ? Mono.error(new RuleViolationException("claim-limit-reached", "at most " + rules.claimsPerRepPerDay()
                        + " claims per rep per day"))
                        : Mono.empty())
                .then(store.lastLostBy(account.id(), rep)
                        .flatMap(lost -> lost.isAfter(now.minus(Duration.ofDays(rules.reclaimCooldownDays())))
                                ? Mono.error(new RuleViolationException("reclaim-too-soon", "a previous owner may re-claim "
                                + "an account only " + rules.reclaimCooldownDays() + " days after losing it"))
                                : Mono.<Void>empty()));
    }

    /** A manager (for their subtree), director or admin gives an account to a rep. */
    public Mono<StoredAccount> assign(Caller caller, UUID id, UUID toRep, String reason) {
        return requireAssigner(caller).then(scopes.of(caller, SCOPE)).flatMap(scope -> {
            if (!scope.canSee(toRep)) {
                return Mono.error(new NotFoundException("rep"));
            }
            Instant now = company.now();
            return scopes.requireKnownRep(toRep).then(store.lock(id)
                    .filter(a -> a.ownerRepId() == null || scope.canSee(a.ownerRepId()))
                    .switchIfEmpty(Mono.error(new NotFoundException("account")))
                    .flatMap(account -> toRep.equals(account.ownerRepId())
                            ? Mono.error(new ConflictException("already-owned", "the rep owns this account already"))
                            : move(account, toRep, AccountMove.ASSIGNED, reason, caller, now))
                    .as(tx::transactional));
        });
    }

    /** Owner (or their manager) puts an account back into the pool. */
    public Mono<StoredAccount> release(Caller caller, UUID id, String reason) {
        Instant now = company.now();
        return scopes.of(caller, SCOPE).flatMap(scope -> store.lock(id)
                .filter(a -> a.ownerRepId() != null && scope.canSee(a.ownerRepId()))
                .switchIfEmpty(Mono.error(new NotFoundException("account")))
                .flatMap(account -> move(account, null, AccountMove.RELEASED, reason, caller, now))
                .as(tx::transactional));
    }

    /** Assigns the pool accounts matching region/segment to the reps in turn; emits how many moved. */
    public Mono<Integer> bulkAssign(Caller caller, String region, String segment, List<UUID> reps, int limit, String reason) {
        if (reps == null || reps.isEmpty()) {
            return Mono.error(new InvalidInputException("repIds", "at least one rep"));
        }
        return requireAssigner(caller).then(scopes.of(caller, SCOPE)).flatMap(scope -> {
            for (UUID rep : reps) {
                if (!scope.canSee(rep)) {
                    return Mono.error(new NotFoundException("rep"));
                }
            }
            Instant now = company.now();
            StringBuilder where = new StringBuilder("owner_rep_id IS NULL");
            Map<String, Object> binds = new HashMap<>();
            if (region != null) {
                where.append(" AND region = :region");
                binds.put("region", region);
            }
            if (segment != null) {
                where.append(" AND segment = :segment");
                binds.put("segment", segment);
            }
            return Flux.fromIterable(reps).concatMap(scopes::requireKnownRep).then(
                    store.list(where.toString(), binds, " ORDER BY name, id LIMIT " + limit + " FOR UPDATE SKIP LOCKED")
                            .index()
                            .concatMap(t -> move(t.getT2(), reps.get((int) (t.getT1() % reps.size())), AccountMove.ASSIGNED,
                                    reason, caller, now))
                            .count().map(Long::intValue)
                            .as(tx::transactional));
        });
    }

    private Mono<StoredAccount> move(StoredAccount account, UUID to, AccountMove how, String reason, Caller caller, Instant now) {
        StoredAccount moved = new StoredAccount(account.id(), account.name(), to, account.region(), account.segment(),
                account.industry(), account.externalRef(), account.lastFollowUpAt(), account.version());
        return write(moved, account.version(), account.version(), true)
                .then(store.history(account.id(), how, account.ownerRepId(), to, reason, caller.sub(), now))
                .then(audit.record(caller, how.name(), PipelineAudit.ACCOUNT, account.id(), snapshot(account), snapshot(moved),
                        reason))
                .then(store.find(account.id()));
    }

    /** What an auditor compares of an account: name, owner and classification. */
    static Map<String, Object> snapshot(StoredAccount a) {
        Map<String, Object> state = new java.util.LinkedHashMap<>();
        state.put("name", a.name());
        state.put("ownerRepId", a.ownerRepId() == null ? null : a.ownerRepId().toString());
        state.put("region", a.region());
        state.put("segment", a.segment());
        state.put("industry", a.industry());
        return state;
    }

    private Mono<Void> write(StoredAccount account, long expected, long current, boolean touch) {
        if (expected != current) {
            return Mono.error(new StaleVersionException(current));
        }
        return store.update(account, expected, touch)
                .flatMap(rows -> rows == 0 ? Mono.error(new StaleVersionException(current + 1)) : Mono.empty());
    }

    public Flux<AccountHistoryEntry> history(Caller caller, UUID id) {
        return get(caller, id).flatMapMany(a -> store.historyOf(id));
    }

    public Mono<PickRules> rules() {
        return store.rules();
    }

    public Mono<Long> rulesVersion() {
        return store.rulesVersion();
    }

    public Mono<PickRules> changeRules(Caller caller, long expectedVersion, PickRules rules) {
        if (!caller.hasAnyRole(Role.ADMIN, Role.DIRECTOR)) {
            return Mono.error(new ForbiddenException("only ADMIN or DIRECTOR change the pool rules"));
        }
        if (rules.claimsPerRepPerDay() < 0 || rules.reclaimCooldownDays() < 0 || rules.recycleAfterDays() < 0) {
            return Mono.error(new InvalidInputException("rules", "no value may be negative"));
        }
        return store.rulesVersion().zipWith(store.rules()).flatMap(t -> {
            long current = t.getT1();
            if (current != expectedVersion) {
                return Mono.error(new StaleVersionException(current));
            }
            return store.updateRules(rules, expectedVersion)
                    .flatMap(rows -> rows == 0 ? Mono.error(new StaleVersionException(current + 1))
                            : audit.record(caller, "UPDATE", PipelineAudit.POOL_RULES, PipelineAudit.POOL_RULES_ID, t.getT2(), rules,
                                    null).then(store.rules()))
                    .as(tx::transactional);
        });
    }

    /** Returns accounts without follow-up for the configured days to the pool; safe with several instances. */
    public Mono<Integer> recycle() {
        return store.rules().flatMap(rules -> {
            if (rules.recycleAfterDays() == 0) {
                return Mono.just(0);
            }
            Instant cutoff = company.now().minus(Duration.ofDays(rules.recycleAfterDays()));
            return store.recycle(cutoff, 1000, "no follow-up for " + rules.recycleAfterDays() + " days")
                    .count().map(Long::intValue).as(tx::transactional)
                    .doOnNext(n -> {
                        if (n > 0) {
                            log.info("recycle: {} account(s) without follow-up since {} returned to the pool", n, cutoff);
                        }
                    });
        });
    }

    /** Runs the recycle job now (ADMIN). */
    public Mono<Integer> recycleNow(Caller caller) {
        if (!caller.hasRole(Role.ADMIN)) {
            return Mono.error(new ForbiddenException("only ADMIN runs the recycle job by hand"));
        }
        return recycle();
    }

    public Mono<Void> touchFollowUp(UUID accountId) {
        return store.touchFollowUp(accountId, company.now());
    }

    private static Mono<Void> requireAssigner(Caller caller) {
        return caller.hasAnyRole(Role.MANAGER, Role.DIRECTOR, Role.ADMIN, Role.INTEGRATION) ? Mono.empty()
                : Mono.error(new ForbiddenException("only managers, directors and admins assign accounts"));
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "is required");
        }
    }

    static List<UUID> copy(List<UUID> reps) {
        return new ArrayList<>(reps);
    }
}
