package com.quota.targets.definition.application;

import com.quota.calendar.PeriodKey;
import com.quota.orgdirectory.OrgDirectory;
import com.quota.orgdirectory.scope.CallerScope;
import com.quota.resourceserver.Caller;
import com.quota.targets.config.CompanyToday;
import com.quota.targets.org.persistence.OrgTreeReader;
import com.quota.targets.definition.Dimensions;
import com.quota.targets.definition.LevelAmounts;
import com.quota.targets.definition.Metric;
import com.quota.targets.definition.MonthlyAmounts;
import com.quota.targets.definition.NotVisible;
import com.quota.targets.definition.OwnerType;
import com.quota.targets.definition.RuleViolation;
import com.quota.targets.definition.TargetLevel;
import com.quota.targets.definition.persistence.TargetRow;
import com.quota.targets.definition.persistence.TargetStore;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A unit's tree of targets for a year, metric and period: every unit below it and every rep in them, each with its
 * target per level (newest version), the top-down figure, the bottom-up sum of its children's targets and the gap.
 */
@Service
public class TargetTreeService {

    /** One node of the tree. */
    public record Node(OwnerType ownerType, UUID ownerId, String name, UUID targetId, String status,
                       Map<TargetLevel, BigDecimal> levels, BigDecimal topDown, BigDecimal bottomUp, BigDecimal gap,
                       List<Node> children) {
    }

    private final TargetService targets;
    private final TargetStore store;
    private final OrgDirectory directory;
    private final OrgTreeReader org;
    private final CompanyToday today;

    public TargetTreeService(TargetService targets, TargetStore store, OrgDirectory directory, OrgTreeReader org,
                             CompanyToday today) {
        this.targets = targets;
        this.store = store;
        this.directory = directory;
        this.org = org;
        this.today = today;
    }

    public Mono<Node> tree(Caller caller, UUID unitId, Metric metric, PeriodKey period, Dimensions dimensions) {
        if (period.type() == com.quota.calendar.PeriodType.WEEK) {
            throw new RuleViolation("unsupported-period", "the tree answers a year, quarter or month");
        }
        var on = today.today();
        return targets.scope(caller).flatMap(scope -> {
            scope.requireScope("targets.read");
            if (!scope.canSeeUnit(unitId)) {
                return Mono.error(new NotVisible("unit " + unitId));
            }
            return directory.subtree(unitId, on).collectList().flatMap(units -> Mono.zip(
                    org.unitNodes(units, on).collectList(),
                    directory.repsIn(units, on).collectList().flatMap(reps -> org.repNodes(reps, on).collectList()),
                    Flux.fromIterable(units).concatMap(u -> directory.ancestors(u, on).next().map(p -> Map.entry(u, p)))
                            .collectMap(Map.Entry::getKey, Map.Entry::getValue))
                    .flatMap(t -> {
                        Map<UUID, List<UUID>> childUnits = new HashMap<>();
                        t.getT3().forEach((child, parent) -> childUnits.computeIfAbsent(parent, k -> new ArrayList<>()).add(child));
                        Map<UUID, List<OrgTreeReader.RepNode>> repsOf = new HashMap<>();
                        t.getT2().forEach(rep -> repsOf.computeIfAbsent(rep.unitId(), k -> new ArrayList<>()).add(rep));
                        Map<UUID, String> unitNames = new HashMap<>();
                        t.getT1().forEach(u -> unitNames.put(u.id(), u.name()));
                        List<UUID> owners = new ArrayList<>(units);
                        t.getT2().forEach(rep -> owners.add(rep.id()));
                        return amounts(owners, period.fiscalYear(), metric, dimensions)
                                .map(figures -> node(OwnerType.UNIT, unitId, unitNames.get(unitId), childUnits, repsOf,
                                        unitNames, figures, period, scope));
                    }));
        });
    }

    private Node node(OwnerType type, UUID id, String name, Map<UUID, List<UUID>> childUnits,
                      Map<UUID, List<OrgTreeReader.RepNode>> repsOf, Map<UUID, String> unitNames,
                      Map<UUID, Figures> figures, PeriodKey period, CallerScope scope) {
        List<Node> children = new ArrayList<>();
        if (type == OwnerType.UNIT) {
            // a stable order: units by name, then reps by name
            childUnits.getOrDefault(id, List.of()).stream()
                    .sorted(java.util.Comparator.comparing((UUID c) -> unitNames.getOrDefault(c, "")).thenComparing(c -> c))
                    .forEach(child -> children.add(node(OwnerType.UNIT, child, unitNames.get(child),
                    childUnits, repsOf, unitNames, figures, period, scope)));
            repsOf.getOrDefault(id, List.of()).stream().filter(rep -> scope.canSeeRep(rep.id()))
                    .forEach(rep -> children.add(node(OwnerType.REP, rep.id(), rep.displayName(), childUnits, repsOf,
                            unitNames, figures, period, scope)));
        }
        Figures own = figures.get(id);
        Map<TargetLevel, BigDecimal> levels = new EnumMap<>(TargetLevel.class);
        if (own != null) {
            own.amounts().levels().forEach((level, months) -> levels.put(level, of(months, period)));
        }
        BigDecimal topDown = own == null ? null : levels.get(TargetLevel.TARGET);
        BigDecimal bottomUp = children.isEmpty() ? null : children.stream().map(Node::topDown)
                .filter(java.util.Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal gap = topDown != null && bottomUp != null ? topDown.subtract(bottomUp) : null;
        return new Node(type, id, name, own == null ? null : own.target().id(), own == null ? null : own.status().name(),
                levels, topDown, bottomUp, gap, children);
    }

    private static BigDecimal of(MonthlyAmounts months, PeriodKey period) {
        return switch (period.type()) {
            case YEAR -> months.year();
            case QUARTER -> months.quarter(period.number());
            case MONTH -> months.month(period.number());
            case WEEK -> throw new IllegalStateException("weeks are refused before");
        };
    }

    private record Figures(TargetRow target, com.quota.targets.definition.TargetStatus status, LevelAmounts amounts) {
    }

    /** Every node's target in one statement (a UNIT target wins over a REP target of the same id, which cannot occur). */
    private Mono<Map<UUID, Figures>> amounts(List<UUID> owners, int year, Metric metric, Dimensions dimensions) {
        return store.currentAmounts(year, metric, dimensions, owners)
                .collectList()
                .map(found -> {
                    Map<UUID, Figures> figures = new HashMap<>();
                    found.stream().sorted(java.util.Comparator.comparing(c -> c.target().ownerType() == OwnerType.UNIT ? 0 : 1))
                            .forEach(c -> figures.putIfAbsent(c.target().ownerId(), new Figures(c.target(), c.status(), c.amounts())));
                    return figures;
                });
    }
}
