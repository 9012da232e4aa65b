package com.quota.targets.attainment.persistence;

import com.quota.orgdirectory.OrgDirectory;
import com.quota.targets.attainment.Owner;
import com.quota.targets.attainment.OwnerType;
import com.quota.targets.attainment.application.OrgPlacement;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@link OrgPlacement} over org-directory's dated tree (target-service's own org tables). A poll's placements are one
 * recursive query over the same tables and the same dated rules as {@code OrgDirectory.unitOf} and {@code ancestors}.
 */
@Component
public class OrgDirectoryPlacement implements OrgPlacement {

    // per (rep, day): the membership's unit (depth 0), then its parents on that day; a cycle in bad data stops at 64
    private static final String UNITS_ABOVE = """
            WITH RECURSIVE q AS (
                SELECT r.rep_id, CAST(r.on_text AS date) AS on_date, r.ord
                FROM unnest(CAST(:reps AS uuid[]), CAST(:days AS text[])) WITH ORDINALITY AS r(rep_id, on_text, ord)
            ), chain (ord, unit_id, depth) AS (
                SELECT q.ord, m.unit_id, 0 FROM q
                JOIN org_membership m ON m.rep_id = q.rep_id AND m.valid_from <= q.on_date
                    AND (m.valid_to IS NULL OR m.valid_to >= q.on_date)
                UNION ALL
                SELECT c.ord, p.parent_id, c.depth + 1 FROM chain c
                JOIN q ON q.ord = c.ord
                JOIN org_unit_parent p ON p.unit_id = c.unit_id AND p.valid_from <= q.on_date
                    AND (p.valid_to IS NULL OR p.valid_to >= q.on_date)
                WHERE c.depth < 64
            )
            SELECT ord, array_agg(unit_id ORDER BY depth) AS units
            FROM (SELECT ord, unit_id, min(depth) AS depth FROM chain GROUP BY ord, unit_id) u
            GROUP BY ord
            """;

    private final OrgDirectory directory;
    private final DatabaseClient db;

    public OrgDirectoryPlacement(OrgDirectory directory, DatabaseClient db) {
        this.directory = directory;
        this.db = db;
    }

    @Override
    public Mono<Map<RepDay, List<UUID>>> unitsAbove(Collection<RepDay> repDays) {
        List<RepDay> keys = repDays.stream().distinct().toList();
        if (keys.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql(UNITS_ABOVE)
                .bind("reps", keys.stream().map(RepDay::repId).toArray(UUID[]::new))
                .bind("days", keys.stream().map(k -> k.on().toString()).toArray(String[]::new))
                .map((row, meta) -> Map.entry(row.get("ord", Long.class), row.get("units", UUID[].class)))
                .all()
                .collectList()
                .map(rows -> {
                    Map<RepDay, List<UUID>> placed = new HashMap<>();
                    keys.forEach(key -> placed.put(key, List.of()));
                    rows.forEach(row -> placed.put(keys.get(row.getKey().intValue() - 1), List.of(row.getValue())));
                    return placed;
                });
    }

    @Override
    public Mono<List<UUID>> unitsAbove(UUID repId, LocalDate on) {
        return directory.unitOf(repId, on)
                .flatMap(unit -> directory.ancestors(unit, on).collectList().map(ancestors -> {
                    List<UUID> units = new ArrayList<>(ancestors.size() + 1);
                    units.add(unit);
                    units.addAll(ancestors);
                    return List.copyOf(units);
                }))
                .defaultIfEmpty(List.of());
    }

    @Override
    public Mono<Boolean> knows(Owner owner) {
        return owner.type() == OwnerType.REP ? directory.rep(owner.id()).hasElement()
                : directory.unit(owner.id()).hasElement();
    }

    @Override
    public Mono<List<UUID>> childUnits(UUID unitId, LocalDate on) {
        return directory.subtree(unitId, on)
                .filter(unit -> !unit.equals(unitId))
                .concatMap(unit -> directory.ancestors(unit, on).next()
                        .filter(parent -> parent.equals(unitId)).map(parent -> unit))
                .collectList();
    }

    @Override
    public Mono<List<UUID>> repsDirectlyIn(UUID unitId, LocalDate on) {
        return directory.repsIn(List.of(unitId), on).collectList();
    }
}
