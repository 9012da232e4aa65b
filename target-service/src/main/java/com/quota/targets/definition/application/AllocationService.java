package com.quota.targets.definition.application;

import com.quota.orgdirectory.OrgDirectory;
import com.quota.orgdirectory.scope.CallerScope;
import com.quota.resourceserver.Caller;
import com.quota.resourceserver.Role;
import com.quota.targets.allocation.AdjustmentMode;
import com.quota.targets.allocation.AllocationChild;
import com.quota.targets.allocation.AllocationMethod;
import com.quota.targets.allocation.AllocationRule;
import com.quota.targets.allocation.DimensionSplit;
import com.quota.targets.allocation.TopDownAllocation;
import com.quota.targets.audit.persistence.AuditLog;
import com.quota.targets.config.CompanyToday;
import com.quota.targets.distribution.MonthlyDistribution;
import com.quota.targets.distribution.ShortTermModels;
import com.quota.targets.definition.BottomUpFigures;
import com.quota.targets.definition.Dimensions;
import com.quota.targets.definition.TargetDimension;
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
import com.quota.targets.definition.TransitionNotAllowed;
import com.quota.targets.definition.VersionMismatch;
import com.quota.targets.definition.Ids;
import com.quota.targets.definition.application.TargetCommands.Allocate;
import com.quota.targets.definition.application.TargetCommands.AllocationChildInput;
import com.quota.targets.definition.application.TargetCommands.Distribute;
import com.quota.targets.definition.application.TargetCommands.SplitByDimension;
import com.quota.targets.definition.persistence.PlanningDataStore;
import com.quota.targets.definition.persistence.TargetRow;
import com.quota.targets.definition.persistence.TargetStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Top-down allocation of a target to its children (months down the tree), distribution of a draft over its months,
 * and the bottom-up view of a node. A preview answers the same result without writing anything.
 */
@Service
public class AllocationService {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AllocationService.class);

    /** One child's allocated amounts, per level. */
    public record ChildAllocation(OwnerType ownerType, UUID ownerId, UUID targetId, LevelAmounts amounts) {
    }

    /** An allocation's result: each child's amounts and, per level, the gap = Σ children − parent (ADDITIVE stretch). */
    public record AllocationResult(UUID parentTargetId, boolean saved, List<ChildAllocation> children,
                                   Map<TargetLevel, BigDecimal> gap) {
    }

    /** One value of a split by dimension: the narrowed dimensions, the saved target (null in a preview), its amounts. */
    public record DimensionPart(String value, Dimensions dimensions, UUID targetId, LevelAmounts amounts) {
    }

    /** A split by dimension's result: one part per value; the parts add up exactly to the parent in every month. */
    public record DimensionSplitResult(UUID parentTargetId, boolean saved, TargetDimension dimension,
                                       List<DimensionPart> parts) {
    }

    /** The bottom-up view of one node for the TARGET level. */
    public record BottomUp(TargetRow target, int childTargets, BottomUpFigures figures) {
    }

    private final TargetStore store;
    private final TargetService targets;
    private final PlanningDataStore planning;
    private final OrgDirectory directory;
    private final AuditLog audit;
    private final TransactionalOperator transactions;
    private final CompanyToday today;
    private final ActualsHistory actuals;

    public AllocationService(TargetStore store, TargetService targets, PlanningDataStore planning, OrgDirectory directory,
                             AuditLog audit, TransactionalOperator transactions, CompanyToday today, ActualsHistory history) {
        this.actuals = history;
        this.store = store;
        this.targets = targets;
        this.planning = planning;
        this.directory = directory;
        this.audit = audit;
        this.transactions = transactions;
        this.today = today;
    }

    public Mono<AllocationResult> allocate(Caller caller, UUID parentId, Allocate request, boolean preview) {
        if (caller.hasRole(Role.REP) && !caller.hasAnyRole(Role.ADMIN, Role.DIRECTOR, Role.MANAGER)
                || caller.hasRole(Role.INTEGRATION)) {
            throw new RoleMayNot("only a MANAGER (own or subtree), DIRECTOR or ADMIN may allocate a target");
        }
        long started = System.nanoTime();
        return targets.scope(caller).flatMap(scope -> store.find(parentId)
                .filter(t -> TargetService.visible(scope, t))
                .switchIfEmpty(Mono.error(() -> new NotVisible("target " + parentId)))
                .flatMap(parent -> targets.relation(scope, parent).flatMap(relation -> {
                    TargetLifecycle.requireMayPerform(TargetService.roles(caller), TargetAction.EDIT, relation);
                    if (parent.ownerType() != OwnerType.UNIT) {
                        throw new RuleViolation("not-a-unit-target", "only a unit's target is allocated to children");
                    }
                    return children(parent, request.children())
                            .flatMap(children -> rule(parent, request, children)
                                    .flatMap(rule -> store.versions(parent.id()).last()
                                            .flatMap(version -> store.amounts(parent.id(), version.number(), parent.scale()))
                                            .flatMap(parentAmounts -> {
                                                long lookedUp = System.nanoTime();
                                                AllocationResult result = compute(parent, parentAmounts, rule, children);
                                                long computed = System.nanoTime();
                                                if (preview) {
                                                    logTimes(parentId, children.size(), true, started, lookedUp, computed, computed);
                                                    return Mono.just(result);
                                                }
                                                for (AllocationChildInput child : children) {
                                                    boolean visible = child.ownerType() == OwnerType.REP
                                                            ? scope.canSeeRep(child.ownerId()) : scope.canSeeUnit(child.ownerId());
                                                    if (!visible) {
                                                        throw new NotVisible(child.ownerType() + " " + child.ownerId());
                                                    }
                                                }
                                                return transactions.transactional(save(caller, parent, result, request))
                                                        .doOnSuccess(saved -> logTimes(parentId, children.size(), false, started,
                                                                lookedUp, computed, System.nanoTime()));
                                            })));
                })));
    }

    /** Where an allocation's time went inside the service (DEBUG): the benchmark reads it to split the HTTP time. */
    private static void logTimes(UUID parentId, int children, boolean preview, long started, long lookedUp, long computed,
                                 long committed) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("allocation of target {} to {} children ({}): lookups {} ms, arithmetic {} ms, save committed {} ms",
                    parentId, children, preview ? "preview" : "saved", (lookedUp - started) / 1_000_000,
                    (computed - lookedUp) / 1_000_000, (committed - computed) / 1_000_000);
        }
    }

    private AllocationResult compute(TargetRow parent, LevelAmounts parentAmounts, AllocationRule rule,
                                     List<AllocationChildInput> children) {
        List<Map<TargetLevel, MonthlyAmounts>> perChild = new ArrayList<>();
        children.forEach(c -> perChild.add(new EnumMap<>(TargetLevel.class)));
        Map<TargetLevel, BigDecimal> gap = new EnumMap<>(TargetLevel.class);
        parentAmounts.levels().forEach((level, months) -> {
            List<MonthlyAmounts> allocated = TopDownAllocation.allocateMonthsTopDown(months, parent.scale(), rule);
            BigDecimal sum = BigDecimal.ZERO;
            for (int i = 0; i < allocated.size(); i++) {
                perChild.get(i).put(level, allocated.get(i));
                sum = sum.add(allocated.get(i).year());
            }
            gap.put(level, sum.subtract(months.year()));
        });
        List<ChildAllocation> result = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            result.add(new ChildAllocation(children.get(i).ownerType(), children.get(i).ownerId(), null,
                    new LevelAmounts(perChild.get(i))));
        }
        return new AllocationResult(parent.id(), false, result, gap);
    }

    /** Writes each child's target as a DRAFT (new, or the child's current DRAFT updated); a non-draft child is 409. */
    private Mono<AllocationResult> save(Caller caller, TargetRow parent, AllocationResult result, Allocate request) {
        List<Draft> drafts = result.children().stream()
                .map(c -> new Draft(new TargetStore.OwnerKey(c.ownerType(), c.ownerId(), parent.dimensions()), c.amounts())).toList();
        return saveDrafts(caller, parent, drafts)
                .flatMap(ids -> {
                    List<ChildAllocation> saved = new ArrayList<>();
                    for (int i = 0; i < ids.size(); i++) {
                        ChildAllocation child = result.children().get(i);
                        saved.add(new ChildAllocation(child.ownerType(), child.ownerId(), ids.get(i), child.amounts()));
                    }
                    return audit.record(caller, "target.allocated", TargetService.ENTITY, parent.id(), null,
                                    Map.of("method", request.method().name(), "mode", request.mode().name(),
                                            "children", saved.size(), "gap", result.gap()), null)
                            .thenReturn(new AllocationResult(parent.id(), true, saved, result.gap()));
                });
    }

    /** One DRAFT to write below a parent: whose, with which dimensions, and its amounts. */
    private record Draft(TargetStore.OwnerKey key, LevelAmounts amounts) {
    }

    /**
     * The DRAFT targets of these owners and dimensions below {@code parent}, as one batch: each owner's current DRAFT
     * updated, or a new target (version 1, effective like the parent); a target that is not a DRAFT is 409. A handful of
     * statements whatever the number of children. Answers the targets' ids in the drafts' order.
     */
    private Mono<List<UUID>> saveDrafts(Caller caller, TargetRow parent, List<Draft> drafts) {
        List<TargetStore.OwnerKey> keys = drafts.stream().map(Draft::key).toList();
        if (new java.util.HashSet<>(keys).size() != keys.size()) {
            return Mono.error(new RuleViolation("duplicate-child", "a child is named twice"));
        }
        return store.versions(parent.id()).last().flatMap(parentVersion -> store.currentForUpdate(parent.fiscalYear(),
                        parent.metric(), keys)
                .collectMap(c -> new TargetStore.OwnerKey(c.target().ownerType(), c.target().ownerId(), c.target().dimensions()))
                .flatMap(existing -> {
                    for (TargetStore.Current current : existing.values()) {
                        if (current.status() != TargetStatus.DRAFT) {
                            return Mono.<List<UUID>>error(new TransitionNotAllowed(current.status(), TargetAction.EDIT,
                                    TargetLifecycle.allowedFrom(current.status())));
                        }
                    }
                    List<UUID> ids = new ArrayList<>(drafts.size());
                    List<TargetStore.NewDraft> newDrafts = new ArrayList<>();
                    List<UUID> updated = new ArrayList<>();
                    Map<UUID, Integer> versionOf = new java.util.HashMap<>();
                    Map<UUID, LevelAmounts> amounts = new LinkedHashMap<>();
                    for (Draft draft : drafts) {
                        TargetStore.Current current = existing.get(draft.key());
                        UUID id;
                        if (current != null) {
                            id = current.target().id();
                            versionOf.put(id, current.versionNumber());
                            updated.add(id);
                        } else {
                            id = Ids.newId();
                            newDrafts.add(new TargetStore.NewDraft(id, draft.key()));
                            versionOf.put(id, 1);
                        }
                        ids.add(id);
                        amounts.put(id, draft.amounts());
                    }
                    return store.insertDrafts(parent, parentVersion.effectiveFrom(), caller.sub(), newDrafts)
                            .then(store.replaceAmountsAll(versionOf, amounts, updated))
                            .then(store.touchAll(updated))
                            .thenReturn(ids);
                }));
    }

    /**
     * Allocation by dimension: the target is split over the values of a dimension it is not yet narrowed by (e.g. a
     * company target 60/30/10 over three product lines); each part is a DRAFT target of the same owner, which can then be
     * allocated down the tree like any other. A preview answers the parts without writing anything.
     */
    public Mono<DimensionSplitResult> splitByDimension(Caller caller, UUID parentId, SplitByDimension request, boolean preview) {
        if (caller.hasRole(Role.REP) && !caller.hasAnyRole(Role.ADMIN, Role.DIRECTOR, Role.MANAGER)
                || caller.hasRole(Role.INTEGRATION)) {
            throw new RoleMayNot("only a MANAGER (own or subtree), DIRECTOR or ADMIN may split a target by dimension");
        }
        DimensionSplit.requireValid(request.shares());
        return targets.scope(caller).flatMap(scope -> store.find(parentId)
                .filter(t -> TargetService.visible(scope, t))
                .switchIfEmpty(Mono.error(() -> new NotVisible("target " + parentId)))
                .flatMap(parent -> targets.relation(scope, parent).flatMap(relation -> {
                    TargetLifecycle.requireMayPerform(TargetService.roles(caller), TargetAction.EDIT, relation);
                    if (parent.dimensions().valueOf(request.dimension()) != null) {
                        throw new RuleViolation("dimension-already-set", "the target is already narrowed to "
                                + request.dimension() + " " + parent.dimensions().valueOf(request.dimension()));
                    }
                    return store.versions(parent.id()).last()
                            .flatMap(version -> store.amounts(parent.id(), version.number(), parent.scale()))
                            .flatMap(parentAmounts -> {
                                DimensionSplitResult result = splitAmounts(parent, parentAmounts, request);
                                if (preview) {
                                    return Mono.just(result);
                                }
                                List<Draft> drafts = result.parts().stream().map(part -> new Draft(new TargetStore.OwnerKey(
                                        parent.ownerType(), parent.ownerId(), part.dimensions()), part.amounts())).toList();
                                return transactions.transactional(saveDrafts(caller, parent, drafts)
                                        .map(ids -> {
                                            List<DimensionPart> saved = new ArrayList<>();
                                            for (int i = 0; i < ids.size(); i++) {
                                                DimensionPart part = result.parts().get(i);
                                                saved.add(new DimensionPart(part.value(), part.dimensions(), ids.get(i), part.amounts()));
                                            }
                                            return saved;
                                        })
                                        .flatMap(saved -> audit.record(caller, "target.split-by-dimension", TargetService.ENTITY,
                                                        parent.id(), null, Map.of("dimension", request.dimension().name(),
                                                                "splits", request.shares().stream().map(s -> Map.of("value", s.value(),
                                                                        "percent", s.percent().toPlainString())).toList()), null)
                                                .thenReturn(new DimensionSplitResult(parent.id(), true, request.dimension(), saved))));
                            });
                })));
    }

    private static DimensionSplitResult splitAmounts(TargetRow parent, LevelAmounts parentAmounts, SplitByDimension request) {
        List<Map<TargetLevel, MonthlyAmounts>> perPart = new ArrayList<>();
        request.shares().forEach(s -> perPart.add(new EnumMap<>(TargetLevel.class)));
        parentAmounts.levels().forEach((level, months) -> {
            List<MonthlyAmounts> parts = DimensionSplit.splitByDimension(months, parent.scale(), request.shares());
            for (int i = 0; i < parts.size(); i++) {
                perPart.get(i).put(level, parts.get(i));
            }
        });
        List<DimensionPart> parts = new ArrayList<>();
        for (int i = 0; i < request.shares().size(); i++) {
            String value = request.shares().get(i).value();
            parts.add(new DimensionPart(value, parent.dimensions().with(request.dimension(), value), null,
                    new LevelAmounts(perPart.get(i))));
        }
        return new DimensionSplitResult(parent.id(), false, request.dimension(), parts);
    }

    /** The request's children, or the unit's direct child units, else the reps in it. */
    private Mono<List<AllocationChildInput>> children(TargetRow parent, List<AllocationChildInput> given) {
        if (given != null && !given.isEmpty()) {
            return Flux.fromIterable(given).concatMap(c -> targets.requireOwner(c.ownerType(), c.ownerId())).then(Mono.just(given));
        }
        return directory.subtree(parent.ownerId(), today.today()).skip(1).collectList()
                .flatMap(below -> Flux.fromIterable(below)
                        .filterWhen(unit -> directory.ancestors(unit, today.today()).next().map(parent.ownerId()::equals))
                        .map(unit -> new AllocationChildInput(OwnerType.UNIT, unit, null, null)).collectList())
                .flatMap(units -> units.isEmpty()
                        ? directory.repsIn(List.of(parent.ownerId()), today.today())
                        .map(rep -> new AllocationChildInput(OwnerType.REP, rep, null, null)).collectList()
                        : Mono.just(units))
                .flatMap(children -> children.isEmpty()
                        ? Mono.error(new RuleViolation("no-children", "unit " + parent.ownerId() + " has no child units and no reps"))
                        : Mono.just(children));
    }

    private Mono<AllocationRule> rule(TargetRow parent, Allocate request, List<AllocationChildInput> children) {
        AdjustmentMode mode = request.mode() == null ? AdjustmentMode.NORMALIZED : request.mode();
        if (request.method() != AllocationMethod.HISTORY) {
            return Mono.just(new AllocationRule(request.method(), mode, children.stream().map(c -> new AllocationChild(
                    c.ratio(), null, fraction(c.adjustmentPercent()))).toList(), request.newcomerFloor()));
        }
        int year = request.historyYear() != null ? request.historyYear() : parent.fiscalYear() - 1;
        return actuals.yearTotals(children.stream().map(AllocationChildInput::ownerId).toList(), parent.metric(), year)
                .map(totals -> new AllocationRule(AllocationMethod.HISTORY, mode, children.stream().map(c -> new AllocationChild(
                        c.ratio(), totals.get(c.ownerId()), fraction(c.adjustmentPercent()))).toList(), request.newcomerFloor()));
    }

    /** Re-spreads every level of a DRAFT over its months (or, for the models, drafts new months from history). */
    public Mono<TargetDetail> distribute(Caller caller, UUID id, String ifMatch, Distribute request, boolean preview) {
        // a client that may read but not write targets is refused before the version and the state are judged
        List<String> tokenScopes = preview ? List.of("targets.read") : List.of("targets.read", "targets.write");
        return targets.visibleTarget(caller, id, tokenScopes).flatMap(target -> store.versions(id).last().flatMap(version -> {
            if (!preview) {
                VersionMismatch.check(ifMatch, target.version());
            }
            if (version.status() != TargetStatus.DRAFT) {
                throw new TransitionNotAllowed(version.status(), TargetAction.EDIT, TargetLifecycle.allowedFrom(version.status()));
            }
            int year = request.historyYear() != null ? request.historyYear() : target.fiscalYear() - 1;
            return store.amounts(id, version.number(), target.scale())
                    .flatMap(current -> monthWeights(target, request, year).flatMap(history -> {
                        Map<TargetLevel, MonthlyAmounts> next = new EnumMap<>(TargetLevel.class);
                        current.levels().forEach((level, months) -> next.put(level,
                                spread(target, request, months.year(), history)));
                        LevelAmounts amounts = new LevelAmounts(next);
                        if (preview) {
                            return Mono.just(new TargetDetail(target, version, amounts));
                        }
                        Map<TargetLevel, TargetCommands.LevelInput> input = new EnumMap<>(TargetLevel.class);
                        amounts.levels().forEach((level, m) -> input.put(level, new TargetCommands.LevelInput(null, m.months())));
                        return targets.editAmounts(caller, id, ifMatch, input);
                    }));
        }));
    }

    private MonthlyAmounts spread(TargetRow target, Distribute request, BigDecimal annual, List<List<BigDecimal>> history) {
        int scale = target.scale();
        return switch (request.method()) {
            case EVEN -> MonthlyDistribution.distributeEvenly(annual, scale);
            case PROFILE, HISTORY -> MonthlyDistribution.distributeOverMonths(annual, scale, history.get(0));
            case MOVING_AVERAGE -> {
                BigDecimal month = ShortTermModels.movingAverage(history.get(0), request.n() == null ? 3 : request.n(),
                        fraction(request.growthPercent()), scale);
                yield new MonthlyAmounts(java.util.Collections.nCopies(12, month));
            }
            case SEASONAL -> {
                List<BigDecimal> last = history.get(0);
                BigDecimal trailing = last.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                BigDecimal before = history.get(1).stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                List<BigDecimal> months = new ArrayList<>();
                for (BigDecimal sameMonth : last) {
                    months.add(ShortTermModels.seasonal(sameMonth, trailing, before, scale));
                }
                yield new MonthlyAmounts(months);
            }
        };
    }

    /** PROFILE: the profile's weights; HISTORY and the models: the owner's actuals of the reference year (and the year before). */
    private Mono<List<List<BigDecimal>>> monthWeights(TargetRow target, Distribute request, int year) {
        return switch (request.method()) {
            case EVEN -> Mono.just(List.of());
            case PROFILE -> {
                if (request.weights() != null && !request.weights().isEmpty()) {
                    yield Mono.just(List.of(request.weights()));
                }
                if (request.profileId() == null) {
                    throw new RuleViolation("profile-required", "PROFILE needs a profileId or 12 weights");
                }
                yield planning.profile(request.profileId())
                        .switchIfEmpty(Mono.error(() -> new RuleViolation("unknown-profile", "profile " + request.profileId() + " does not exist")))
                        .map(p -> List.of(p.weights()));
            }
            case HISTORY, MOVING_AVERAGE -> actuals.months(target.ownerId(), target.metric(), year).map(List::of);
            case SEASONAL -> Mono.zip(actuals.months(target.ownerId(), target.metric(), year),
                    actuals.months(target.ownerId(), target.metric(), year - 1)).map(t -> List.of(t.getT1(), t.getT2()));
        };
    }

    /** The node's own target (top-down), the sum of its children's targets (bottom-up) and the gap, TARGET level. */
    public Mono<BottomUp> bottomUp(Caller caller, UUID id) {
        return targets.visibleTarget(caller, id).flatMap(target -> store.versions(id).last()
                .flatMap(version -> store.amounts(id, version.number(), target.scale()))
                .flatMap(own -> childTargets(target).collectList().map(children -> new BottomUp(target, children.size(),
                        BottomUpFigures.of(own.target(), children, target.scale())))));
    }

    /**
     * The targets of the node's children: the same year, metric and dimensions, owned by its direct child units or the
     * reps in it (a rep's own submission counts whether or not it was allocated).
     */
    private Flux<MonthlyAmounts> childTargets(TargetRow target) {
        if (target.ownerType() != OwnerType.UNIT) {
            return Flux.empty();
        }
        LocalDateHolder on = new LocalDateHolder(today.today());
        Flux<UUID> childUnits = directory.subtree(target.ownerId(), on.day).skip(1)
                .filterWhen(unit -> directory.ancestors(unit, on.day).next().map(target.ownerId()::equals));
        Flux<UUID> reps = directory.repsIn(List.of(target.ownerId()), on.day);
        // every child's target in one statement, not a query per child
        return Flux.concat(childUnits.map(u -> Map.entry(OwnerType.UNIT, u)), reps.map(r -> Map.entry(OwnerType.REP, r)))
                .collectList()
                .flatMapMany(owners -> {
                    java.util.Set<Map.Entry<OwnerType, UUID>> wanted = new java.util.HashSet<>(owners);
                    return store.currentAmounts(target.fiscalYear(), target.metric(), target.dimensions(),
                                    owners.stream().map(Map.Entry::getValue).distinct().toList())
                            .filter(c -> wanted.contains(Map.entry(c.target().ownerType(), c.target().ownerId())))
                            .map(c -> c.amounts().target());
                });
    }

    private record LocalDateHolder(java.time.LocalDate day) {
    }

    private static BigDecimal fraction(BigDecimal percent) {
        return percent == null ? null : percent.movePointLeft(2);
    }

    static Map<String, Object> describe(Map<TargetLevel, BigDecimal> gap) {
        Map<String, Object> map = new LinkedHashMap<>();
        gap.forEach((k, v) -> map.put(k.name(), v.toPlainString()));
        return map;
    }
}
