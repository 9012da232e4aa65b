package com.quota.targets.definition.application;

import com.quota.messaging.outbox.OutboxWriter;
import com.quota.orgdirectory.OrgDirectory;
import com.quota.orgdirectory.scope.CallerScope;
import com.quota.orgdirectory.scope.ScopeResolver;
import com.quota.orgdirectory.scope.SqlPredicate;
import com.quota.resourceserver.Caller;
import com.quota.resourceserver.Role;
import com.quota.targets.audit.persistence.AuditLog;
import com.quota.targets.config.CompanyToday;
import com.quota.targets.distribution.MonthlyDistribution;
import com.quota.targets.org.persistence.OrgTreeReader;
import com.quota.targets.settings.persistence.CompanySettingsStore;
import com.quota.targets.definition.ActorRole;
import com.quota.targets.definition.LevelAmounts;
import com.quota.targets.definition.MonthlyAmounts;
import com.quota.targets.definition.NotVisible;
import com.quota.targets.definition.OwnerRelation;
import com.quota.targets.definition.OwnerType;
import com.quota.targets.definition.RoleMayNot;
import com.quota.targets.definition.RuleViolation;
import com.quota.targets.definition.TargetAction;
import com.quota.targets.definition.TargetLevel;
import com.quota.targets.definition.TargetLifecycle;
import com.quota.targets.definition.TargetStatus;
import com.quota.targets.definition.VersionInForce;
import com.quota.targets.definition.VersionMismatch;
import com.quota.targets.definition.application.TargetCommands.CreateTarget;
import com.quota.targets.definition.application.TargetCommands.LevelInput;
import com.quota.targets.definition.integration.TargetEvents;
import com.quota.targets.definition.persistence.TargetRow;
import com.quota.targets.definition.persistence.TargetStore;
import com.quota.targets.definition.persistence.VersionRow;
import com.quota.targets.definition.Ids;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Targets: create, read (current or in force on a date), edit drafts, move through the lifecycle with the role rules,
 * revise a published target by a new version with a reason. Each change is audited in its transaction; every publish
 * emits {@code TargetPublished} through the outbox in the same transaction.
 */
@Service
public class TargetService {

    static final String ENTITY = "Target";

    private final TargetStore store;
    private final OrgDirectory directory;
    private final OrgTreeReader org;
    private final ScopeResolver scopes;
    private final CompanySettingsStore settings;
    private final OutboxWriter outbox;
    private final AuditLog audit;
    private final TransactionalOperator transactions;
    private final CompanyToday today;

    public TargetService(TargetStore store, OrgDirectory directory, OrgTreeReader org, ScopeResolver scopes,
                         CompanySettingsStore settings, OutboxWriter outbox, AuditLog audit,
                         TransactionalOperator transactions, CompanyToday today) {
        this.store = store;
        this.directory = directory;
        this.org = org;
        this.scopes = scopes;
        this.settings = settings;
        this.outbox = outbox;
        this.audit = audit;
        this.transactions = transactions;
        this.today = today;
    }

    public Mono<CallerScope> scope(Caller caller) {
        return scopes.resolve(caller, today.today());
    }

    public Mono<TargetDetail> create(Caller caller, CreateTarget command) {
        return checked(caller, command).flatMap(draft -> {
            TargetRow row = draft.row();
            VersionRow version = new VersionRow(row.id(), 1, TargetStatus.DRAFT,
                    command.effectiveFrom() != null ? command.effectiveFrom()
                            : firstDayOf(command.fiscalYear(), draft.company().fiscalYearStartMonth()),
                    null, caller.sub(), null, null, null);
            return transactions.transactional(store.insert(row)
                    .then(store.insertVersion(version))
                    .then(store.replaceAmounts(row.id(), 1, draft.amounts()))
                    .then(audit.record(caller, "target.created", ENTITY, row.id(), null,
                            TargetSnapshot.of(row, version, draft.amounts()), null))
                    .onErrorMap(DataIntegrityViolationException.class, e -> new Duplicate(DUPLICATE))
                    .thenReturn(new TargetDetail(row, version, draft.amounts())));
        });
    }

    private static final String DUPLICATE = "a target with this externalRef, or for this year, metric, owner and dimensions, exists";

    /** A new target as checked before it is written: the company's settings, the row and its amounts. */
    private record CheckedDraft(CompanySettingsStore.Settings company, TargetRow row, LevelAmounts amounts) {
    }

    /** The checks of a new target that need no lookup of other targets: scope, owner, currency, role, amounts. */
    private Mono<CheckedDraft> checked(Caller caller, CreateTarget command) {
        return scope(caller).flatMap(scope -> {
            scope.requireScope("targets.write");
            return requireOwner(command.ownerType(), command.ownerId())
                    .then(settings.get())
                    .flatMap(company -> {
                        String currency = command.metric().isMoney() ? company.reportingCurrency() : null;
                        if (command.currency() != null && command.metric().isMoney() && !command.currency().equals(currency)) {
                            throw new RuleViolation("currency-mismatch", "targets are in the reporting currency " + currency
                                    + ", not " + command.currency());
                        }
                        TargetRow row = new TargetRow(Ids.newId(), command.externalRef(), command.fiscalYear(), command.metric(),
                                command.ownerType(), command.ownerId(), command.dimensions(), currency, null, 1, 1);
                        if (!visible(scope, row)) {
                            throw new NotVisible("owner " + command.ownerId());
                        }
                        LevelAmounts amounts = amounts(command.levels(), row.scale());
                        return relation(scope, row).map(relation -> {
                            TargetLifecycle.requireMayEditDraft(roles(caller), relation);
                            return new CheckedDraft(company, row, amounts);
                        });
                    });
        });
    }

    /**
     * Many new targets checked at once (a bulk import): the caller's scope, the company's settings, which owners are
     * active, the units the caller manages and, when asked, which rows collide with a stored target are read once for
     * all rows (a handful of queries, not a dozen per row); {@link CreateBatch#check} then checks each row in memory,
     * failing as {@link #create} would (with {@code storedDuplicates}: also on a target of the same identity or
     * externalRef already stored).
     */
    public Mono<CreateBatch> prepareCreates(Caller caller, List<CreateTarget> commands, boolean storedDuplicates) {
        return scope(caller).flatMap(scope -> {
            scope.requireScope("targets.write");
            UUID self = scope.caller().repId();
            Mono<Set<UUID>> managed = self != null && commands.stream().anyMatch(c -> c.ownerType() == OwnerType.UNIT)
                    ? org.unitsManagedBy(self, today.today()).collect(java.util.stream.Collectors.toSet()) : Mono.just(Set.of());
            Mono<Set<Integer>> duplicates = storedDuplicates
                    ? store.storedDuplicates(commands.stream().map(c -> newRow(c, null)).toList())
                    .collect(java.util.stream.Collectors.toSet())
                    : Mono.just(Set.of());
            return Mono.zip(activeOwners(commands, OwnerType.REP), activeOwners(commands, OwnerType.UNIT), settings.get(),
                            managed, duplicates)
                    .map(t -> new CreateBatch(caller, scope, commands, t.getT3(), t.getT1(), t.getT2(), t.getT4(), t.getT5()));
        });
    }

    private Mono<Set<UUID>> activeOwners(List<CreateTarget> commands, OwnerType type) {
        Set<UUID> owners = new HashSet<>();
        commands.stream().filter(c -> c.ownerType() == type).forEach(c -> owners.add(c.ownerId()));
        return store.activeOwners(type, owners).collect(java.util.stream.Collectors.toSet());
    }

    private static TargetRow newRow(CreateTarget command, String currency) {
        return new TargetRow(Ids.newId(), command.externalRef(), command.fiscalYear(), command.metric(), command.ownerType(),
                command.ownerId(), command.dimensions(), currency, null, 1, 1);
    }

    /** The rows of a bulk create with what was read once for all of them; see {@link #prepareCreates}. */
    public static final class CreateBatch {
        private final Caller caller;
        private final CallerScope scope;
        private final List<CreateTarget> commands;
        private final CompanySettingsStore.Settings company;
        private final Set<UUID> activeReps;
        private final Set<UUID> activeUnits;
        private final Set<UUID> managedUnits;
        private final Set<Integer> storedDuplicates;

        private CreateBatch(Caller caller, CallerScope scope, List<CreateTarget> commands, CompanySettingsStore.Settings company,
                            Set<UUID> activeReps, Set<UUID> activeUnits, Set<UUID> managedUnits, Set<Integer> storedDuplicates) {
            this.caller = caller;
            this.scope = scope;
            this.commands = commands;
            this.company = company;
            this.activeReps = activeReps;
            this.activeUnits = activeUnits;
            this.managedUnits = managedUnits;
            this.storedDuplicates = storedDuplicates;
        }

        /** Row {@code i} (of the list given) checked: the same exceptions, in the same order, as one create's checks. */
        public void check(int i) {
            draft(i);
        }

        private CheckedDraft draft(int i) {
            CreateTarget command = commands.get(i);
            // the order of checked(): owner, currency, scope, amounts, role; then a stored duplicate
            Set<UUID> active = command.ownerType() == OwnerType.REP ? activeReps : activeUnits;
            if (!active.contains(command.ownerId())) {
                OwnerType type = command.ownerType();
                throw new RuleViolation("unknown-owner", type + " " + command.ownerId() + " is not an active "
                        + type.name().toLowerCase() + " of the org tree");
            }
            String currency = command.metric().isMoney() ? company.reportingCurrency() : null;
            if (command.currency() != null && command.metric().isMoney() && !command.currency().equals(currency)) {
                throw new RuleViolation("currency-mismatch", "targets are in the reporting currency " + currency
                        + ", not " + command.currency());
            }
            TargetRow row = newRow(command, currency);
            if (!visible(scope, row)) {
                throw new NotVisible("owner " + command.ownerId());
            }
            LevelAmounts amounts = amounts(command.levels(), row.scale());
            TargetLifecycle.requireMayEditDraft(roles(caller), relation(scope, row, managedUnits));
            if (storedDuplicates.contains(i)) {
                throw new Duplicate(DUPLICATE);
            }
            return new CheckedDraft(company, row, amounts);
        }
    }

    /**
     * {@link #relation(CallerScope, TargetRow)} with the units the caller manages read once (a bulk create asks it for
     * every row).
     */
    static OwnerRelation relation(CallerScope scope, TargetRow target, Set<UUID> unitsManagedByCaller) {
        UUID self = scope.caller().repId();
        if (self != null && target.ownerType() == OwnerType.REP && target.ownerId().equals(self)) {
            return OwnerRelation.OWN;
        }
        OwnerRelation below = visible(scope, target) && !scope.isAll() ? OwnerRelation.SUBTREE : OwnerRelation.OTHER;
        if (self == null || target.ownerType() != OwnerType.UNIT) {
            return below;
        }
        return unitsManagedByCaller.contains(target.ownerId()) ? OwnerRelation.OWN : below;
    }

    /** A row of a bulk create failed at write time: its position in the list given, and why. */
    public static final class RowFailed extends RuntimeException {
        private final int index;

        public RowFailed(int index, RuntimeException cause) {
            super(cause.getMessage(), cause);
            this.index = index;
        }

        /** The row's position in the list given; -1 when the row is not known. */
        public int index() {
            return index;
        }
    }

    /**
     * Creates many DRAFT targets in one transaction, or none, with what {@link #create} writes for each (target, version
     * 1, amounts, one {@code target.created} audit entry) but in a handful of statements for all. The rows are checked
     * again in the transaction as {@link #create} does; the first that fails now, or one a concurrent create took
     * meanwhile (a unique violation), is a {@link RowFailed} and nothing is written.
     */
    public Mono<Integer> createAll(Caller caller, List<CreateTarget> commands) {
        return prepareCreates(caller, commands, false).flatMap(batch -> {
            List<TargetStore.NewTarget> news = new ArrayList<>(commands.size());
            Map<UUID, Integer> versionOf = new LinkedHashMap<>();
            Map<UUID, LevelAmounts> amounts = new LinkedHashMap<>();
            List<UUID> ids = new ArrayList<>(commands.size());
            List<TargetSnapshot> audited = new ArrayList<>(commands.size());
            for (int i = 0; i < commands.size(); i++) {
                CheckedDraft draft;
                try {
                    draft = batch.draft(i);
                } catch (RuntimeException e) {
                    return Mono.<Integer>error(new RowFailed(i, e));
                }
                CreateTarget command = commands.get(i);
                TargetRow row = draft.row();
                VersionRow version = new VersionRow(row.id(), 1, TargetStatus.DRAFT,
                        command.effectiveFrom() != null ? command.effectiveFrom()
                                : firstDayOf(command.fiscalYear(), draft.company().fiscalYearStartMonth()),
                        null, caller.sub(), null, null, null);
                news.add(new TargetStore.NewTarget(row, version.effectiveFrom()));
                versionOf.put(row.id(), 1);
                amounts.put(row.id(), draft.amounts());
                ids.add(row.id());
                audited.add(TargetSnapshot.of(row, version, draft.amounts()));
            }
            return store.insertNew(news, caller.sub())
                    .then(store.replaceAmountsAll(versionOf, amounts, List.of()))
                    .then(audit.recordAll(caller, "target.created", ENTITY, ids, audited))
                    .thenReturn(commands.size());
        }).as(transactions::transactional)
                // the transaction is rolled back: which row collides is asked afresh (the concurrent create is committed)
                .onErrorResume(DataIntegrityViolationException.class, e -> store.storedDuplicates(commands.stream()
                                .map(c -> newRow(c, null)).toList()).next().defaultIfEmpty(-1)
                        .flatMap(i -> Mono.<Integer>error(new RowFailed(i, new Duplicate(DUPLICATE)))));
    }

    /** The target with its current version, or with the version in force on {@code asOf} when given. */
    public Mono<TargetDetail> get(Caller caller, UUID id, LocalDate asOf) {
        return visibleTarget(caller, id).flatMap(target -> store.versions(id).collectList().flatMap(versions -> {
            VersionRow version;
            if (asOf == null) {
                version = versions.get(versions.size() - 1);
            } else {
                int number = VersionInForce.on(versions.stream().map(v -> new VersionInForce.PublishedVersion(v.number(),
                                v.status(), v.effectiveFrom())).toList(), asOf)
                        .orElseThrow(() -> new NotVisible("a published version of target " + id + " in force on " + asOf))
                        .version();
                version = versions.get(number - 1);
            }
            return store.amounts(id, version.number(), target.scale()).map(amounts -> new TargetDetail(target, version, amounts));
        }));
    }

    public Mono<List<VersionRow>> versions(Caller caller, UUID id) {
        return visibleTarget(caller, id).then(store.versions(id).collectList());
    }

    /** Replaces a DRAFT's amounts. */
    public Mono<TargetDetail> editAmounts(Caller caller, UUID id, String ifMatch, Map<TargetLevel, LevelInput> levels) {
        return change(caller, id, ifMatch, TargetAction.EDIT, (target, version) -> {
            LevelAmounts amounts = amounts(levels, target.scale());
            return store.replaceAmounts(id, version.number(), amounts).thenReturn(new Change(version, amounts, null));
        });
    }

    /** SUBMIT, APPROVE, REJECT or PUBLISH the current version. */
    public Mono<TargetDetail> transition(Caller caller, UUID id, TargetAction action, String ifMatch) {
        return change(caller, id, ifMatch, action, (target, version) -> {
            TargetStatus next = TargetLifecycle.next(version.status(), action);
            VersionRow moved = new VersionRow(id, version.number(), next, version.effectiveFrom(), version.reason(),
                    version.createdBy(), version.createdAt(), action == TargetAction.PUBLISH ? caller.sub() : version.publishedBy(),
                    version.publishedAt());
            return store.setStatus(id, version.number(), next, caller.sub())
                    .then(store.amounts(id, version.number(), target.scale()))
                    .flatMap(amounts -> (action == TargetAction.PUBLISH
                            ? outbox.append(TargetEvents.published(target, moved, amounts, caller)) : Mono.<Void>empty())
                            .thenReturn(new Change(moved, amounts, null)));
        });
    }

    /** Opens version n+1 of a published target as a DRAFT with the same amounts, effective from a date, for a reason. */
    public Mono<TargetDetail> revise(Caller caller, UUID id, String ifMatch, String reason, LocalDate effectiveFrom) {
        if (reason == null || reason.isBlank()) {
            throw new RuleViolation("reason-required", "a new version of a published target needs a reason");
        }
        return change(caller, id, ifMatch, TargetAction.REVISE, (target, version) -> {
            TargetLifecycle.next(version.status(), TargetAction.REVISE);
            LocalDate from = today.orToday(effectiveFrom);
            if (from.isBefore(version.effectiveFrom())) {
                throw new RuleViolation("invalid-effective-date", "a new version cannot take effect before the version it replaces ("
                        + version.effectiveFrom() + ")");
            }
            VersionRow next = new VersionRow(id, version.number() + 1, TargetStatus.DRAFT, from, reason, caller.sub(), null,
                    null, null);
            return store.amounts(id, version.number(), target.scale()).flatMap(amounts -> store.insertVersion(next)
                    .then(store.replaceAmounts(id, next.number(), amounts))
                    .thenReturn(new Change(next, amounts, reason)));
        });
    }

    /** What one change did: the version after it, its amounts and the reason to audit. */
    record Change(VersionRow version, LevelAmounts amounts, String reason) {
    }

    @FunctionalInterface
    interface ChangeStep {
        Mono<Change> apply(TargetRow target, VersionRow current);
    }

    /**
     * A client's token scope (403), lock, scope (404), If-Match (428/412), role rule (403), state rule (409), then the
     * change, touch, audit: one transaction. The role rule lets any INTEGRATION client edit a draft; its token must
     * still carry targets.write, as for creating one.
     */
    private Mono<TargetDetail> change(Caller caller, UUID id, String ifMatch, TargetAction action, ChangeStep step) {
        return scope(caller).doOnNext(scope -> scope.requireScope("targets.write")).flatMap(scope -> transactions.transactional(store.findForUpdate(id)
                .filter(target -> visible(scope, target))
                .switchIfEmpty(Mono.error(() -> new NotVisible("target " + id)))
                .flatMap(target -> {
                    VersionMismatch.check(ifMatch, target.version());
                    return relation(scope, target).flatMap(relation -> {
                        if (action == TargetAction.EDIT) {
                            TargetLifecycle.requireMayPerform(roles(caller), TargetAction.EDIT, relation);
                        } else {
                            TargetLifecycle.requireMayPerform(roles(caller), action, relation);
                        }
                        return store.versions(id).collectList().flatMap(versions -> {
                            VersionRow current = versions.get(versions.size() - 1);
                            if (action == TargetAction.EDIT) {
                                TargetLifecycle.next(current.status(), TargetAction.EDIT);
                            }
                            return step.apply(target, current).flatMap(change -> store.touch(id, target.version(),
                                            change.version().number())
                                    .flatMap(rows -> rows == 0 ? Mono.error(VersionMismatch.stale(target.version()))
                                            : store.find(id))
                                    .flatMap(after -> store.amounts(id, current.number(), target.scale())
                                            .flatMap(before -> audit.record(caller, "target." + action.name().toLowerCase(), ENTITY, id,
                                                    TargetSnapshot.of(target, current, before),
                                                    TargetSnapshot.of(after, change.version(), change.amounts()), change.reason())))
                                    .then(store.find(id))
                                    .map(after -> new TargetDetail(after, change.version(), change.amounts())));
                        });
                    });
                })));
    }

    /** The target if the caller may see it, else 404. */
    public Mono<TargetRow> visibleTarget(Caller caller, UUID id) {
        return visibleTarget(caller, id, List.of("targets.read"));
    }

    /** The same, a client's token carrying every one of {@code tokenScopes} first (403). */
    public Mono<TargetRow> visibleTarget(Caller caller, UUID id, List<String> tokenScopes) {
        return scope(caller).flatMap(scope -> {
            tokenScopes.forEach(scope::requireScope);
            return store.find(id).filter(target -> visible(scope, target))
                    .switchIfEmpty(Mono.error(() -> new NotVisible("target " + id)));
        });
    }

    public static boolean visible(CallerScope scope, TargetRow target) {
        return target.ownerType() == OwnerType.REP ? scope.canSeeRep(target.ownerId()) : scope.canSeeUnit(target.ownerId());
    }

    /** The scope predicate of a target list: REP-owned by visible reps, UNIT-owned by visible units. */
    public static SqlPredicate listPredicate(CallerScope scope) {
        if (scope.isAll()) {
            return SqlPredicate.ALL;
        }
        SqlPredicate reps = scope.repPredicate("t.owner_id");
        SqlPredicate units = scope.unitPredicate("t.owner_id");
        java.util.HashMap<String, Object> binds = new java.util.HashMap<>(reps.binds());
        binds.putAll(units.binds());
        return new SqlPredicate("(t.owner_type = 'REP' AND " + reps.sql() + ") OR (t.owner_type = 'UNIT' AND " + units.sql() + ")",
                binds);
    }

    /** OWN: the caller's own rep target or a unit they manage directly; SUBTREE: below them; OTHER: anything else. */
    public Mono<OwnerRelation> relation(CallerScope scope, TargetRow target) {
        UUID self = scope.caller().repId();
        if (self == null || target.ownerType() != OwnerType.UNIT) {
            return Mono.just(relation(scope, target, Set.of()));
        }
        // a unit's target: whether the caller manages that unit is read only here
        return org.unitsManagedBy(self, today.today()).filter(target.ownerId()::equals).collect(java.util.stream.Collectors.toSet())
                .map(managed -> relation(scope, target, managed));
    }

    public static Set<ActorRole> roles(Caller caller) {
        Set<ActorRole> roles = EnumSet.noneOf(ActorRole.class);
        for (Role role : caller.roles()) {
            roles.add(ActorRole.valueOf(role.name()));
        }
        return roles;
    }

    public Mono<Void> requireOwner(OwnerType type, UUID ownerId) {
        Mono<Boolean> known = type == OwnerType.REP ? directory.rep(ownerId).map(rep -> rep.active())
                : directory.unit(ownerId).map(unit -> unit.active());
        return known.defaultIfEmpty(false).flatMap(active -> active ? Mono.<Void>empty()
                : Mono.error(new RuleViolation("unknown-owner", type + " " + ownerId + " is not an active " + type.name().toLowerCase()
                        + " of the org tree")));
    }

    /** The levels as monthly amounts at the target's scale: months as given (they must add up to the annual) or even. */
    public static LevelAmounts amounts(Map<TargetLevel, LevelInput> levels, int scale) {
        Map<TargetLevel, MonthlyAmounts> result = new EnumMap<>(TargetLevel.class);
        levels.forEach((level, input) -> {
            MonthlyAmounts months;
            if (input.months() == null || input.months().isEmpty()) {
                months = MonthlyDistribution.distributeEvenly(input.annual().setScale(scale, RoundingMode.UNNECESSARY), scale);
            } else {
                months = new MonthlyAmounts(input.months().stream().map(m -> m.setScale(scale, RoundingMode.UNNECESSARY)).toList());
                if (input.annual() != null && months.year().compareTo(input.annual()) != 0) {
                    throw new RuleViolation("months-do-not-sum", level + ": the months sum to " + months.year().toPlainString()
                            + ", not the annual " + input.annual().toPlainString());
                }
            }
            result.put(level, months);
        });
        return new LevelAmounts(result);
    }

    /** The first day of a fiscal year, which is named by the calendar year in which it ends. */
    public static LocalDate firstDayOf(int fiscalYear, int startMonth) {
        return LocalDate.of(startMonth == 1 ? fiscalYear : fiscalYear - 1, startMonth, 1);
    }

    /** A duplicate target (409). */
    public static class Duplicate extends RuntimeException {
        public Duplicate(String message) {
            super(message);
        }
    }

    /** The audited state of a target version. */
    record TargetSnapshot(UUID id, int versionNumber, String status, LocalDate effectiveFrom, String reason,
                          Map<String, List<BigDecimal>> months) {
        static TargetSnapshot of(TargetRow target, VersionRow version, LevelAmounts amounts) {
            Map<String, List<BigDecimal>> months = new java.util.TreeMap<>();
            amounts.levels().forEach((level, m) -> months.put(level.name(), m.months()));
            return new TargetSnapshot(target.id(), version.number(), version.status().name(), version.effectiveFrom(),
                    version.reason(), months);
        }
    }
}
