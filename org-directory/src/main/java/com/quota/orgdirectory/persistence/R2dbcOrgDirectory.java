package com.quota.orgdirectory.persistence;

import com.quota.api.problem.ApiProblem;
import com.quota.orgdirectory.OrgDirectory;
import com.quota.orgdirectory.OrgRep;
import com.quota.orgdirectory.OrgUnit;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.Collection;
import java.util.UUID;

import static com.quota.orgdirectory.persistence.OrgTableSql.MAX_DEPTH;
import static com.quota.orgdirectory.persistence.OrgTableSql.covers;

/** {@link OrgDirectory} over the org tables, with recursive queries over the dated parent links. */
public final class R2dbcOrgDirectory implements OrgDirectory {

    private static final String UNIT = """
            SELECT id, parent_id, code, name, type, active, valid_from, valid_to, external_ref, version
            FROM org_unit WHERE id = :id""";
    private static final String REP = """
            SELECT id, display_name, title, email, role, active, hire_date, external_ref, version
            FROM org_rep WHERE id = :id""";
    private static final String ANCESTORS = """
            WITH RECURSIVE chain (unit_id, depth) AS (
                SELECT p.parent_id, 1 FROM org_unit_parent p WHERE p.unit_id = :unit AND %1$s
                UNION ALL
                SELECT p.parent_id, c.depth + 1 FROM chain c
                JOIN org_unit_parent p ON p.unit_id = c.unit_id AND %1$s
                WHERE c.depth < %2$d AND p.parent_id <> :unit
            )
            SELECT unit_id, min(depth) AS depth FROM chain GROUP BY unit_id ORDER BY depth"""
            .formatted(covers("p"), MAX_DEPTH);
    private static final String SUBTREE = """
            WITH RECURSIVE tree (unit_id, depth) AS (
                SELECT CAST(:unit AS uuid), 0
                UNION
                SELECT p.unit_id, t.depth + 1 FROM tree t
                JOIN org_unit_parent p ON p.parent_id = t.unit_id AND %1$s
                WHERE t.depth < %2$d
            )
            SELECT unit_id, min(depth) AS depth FROM tree GROUP BY unit_id ORDER BY depth, unit_id"""
            .formatted(covers("p"), MAX_DEPTH);
    private static final String UNIT_OF = "SELECT m.unit_id FROM org_membership m WHERE m.rep_id = :rep AND " + covers("m");
    private static final String MANAGERS_OF = """
            WITH RECURSIVE chain (unit_id, depth) AS (
                SELECT m.unit_id, 0 FROM org_membership m WHERE m.rep_id = :rep AND %1$s
                UNION ALL
                SELECT p.parent_id, c.depth + 1 FROM chain c
                JOIN org_unit_parent p ON p.unit_id = c.unit_id AND %2$s
                WHERE c.depth < %3$d
            )
            SELECT g.rep_id, min(c.depth) AS depth FROM chain c
            JOIN org_unit_manager g ON g.unit_id = c.unit_id AND %4$s
            WHERE g.rep_id <> :rep
            GROUP BY g.rep_id ORDER BY depth, g.rep_id"""
            .formatted(covers("m"), covers("p"), MAX_DEPTH, covers("g"));
    private static final String MANAGED_BY = "SELECT g.unit_id FROM org_unit_manager g WHERE g.rep_id = :rep AND "
            + covers("g") + " ORDER BY g.unit_id";
    private static final String REPS_IN = "SELECT DISTINCT m.rep_id FROM org_membership m WHERE m.unit_id = ANY(:units) AND "
            + covers("m") + " ORDER BY m.rep_id";

    private final DatabaseClient db;

    public R2dbcOrgDirectory(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<OrgUnit> unit(UUID unitId) {
        return db.sql(UNIT).bind("id", unitId).map(row -> unit(row)).one();
    }

    @Override
    public Mono<OrgRep> rep(UUID repId) {
        return db.sql(REP).bind("id", repId).map(row -> rep(row)).one();
    }

    @Override
    public Flux<UUID> ancestors(UUID unitId, LocalDate on) {
        return ids(db.sql(ANCESTORS).bind("unit", unitId).bind("on", on), "unit_id");
    }

    @Override
    public Flux<UUID> subtree(UUID unitId, LocalDate on) {
        return ids(db.sql(SUBTREE).bind("unit", unitId).bind("on", on), "unit_id");
    }

    @Override
    public Mono<UUID> unitOf(UUID repId, LocalDate on) {
        return ids(db.sql(UNIT_OF).bind("rep", repId).bind("on", on), "unit_id").next();
    }

    @Override
    public Flux<UUID> managersOf(UUID repId, LocalDate on) {
        return ids(db.sql(MANAGERS_OF).bind("rep", repId).bind("on", on), "rep_id");
    }

    @Override
    public Flux<UUID> unitsManagedBy(UUID repId, LocalDate on) {
        return ids(db.sql(MANAGED_BY).bind("rep", repId).bind("on", on), "unit_id");
    }

    @Override
    public Flux<UUID> repsIn(Collection<UUID> unitIds, LocalDate on) {
        if (unitIds.isEmpty()) {
            return Flux.empty();
        }
        return ids(db.sql(REPS_IN).bind("units", unitIds.toArray(UUID[]::new)).bind("on", on), "rep_id");
    }

    @Override
    public Mono<Void> requireKnownRep(UUID repId) {
        return exists("SELECT EXISTS (SELECT 1 FROM org_rep WHERE id = :id)", repId)
                .flatMap(known -> known ? Mono.<Void>empty() : Mono.error(ApiProblem.notYetKnownHere("rep", repId)));
    }

    @Override
    public Mono<Void> requireKnownUnit(UUID unitId) {
        return exists("SELECT EXISTS (SELECT 1 FROM org_unit WHERE id = :id)", unitId)
                .flatMap(known -> known ? Mono.<Void>empty() : Mono.error(ApiProblem.notYetKnownHere("unit", unitId)));
    }

    private Mono<Boolean> exists(String sql, UUID id) {
        return db.sql(sql).bind("id", id).map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class))).one();
    }

    private static Flux<UUID> ids(DatabaseClient.GenericExecuteSpec spec, String column) {
        return spec.map(row -> row.get(column, UUID.class)).all();
    }

    private static OrgUnit unit(Readable row) {
        return new OrgUnit(row.get("id", UUID.class), row.get("parent_id", UUID.class), row.get("code", String.class),
                row.get("name", String.class), row.get("type", String.class), Boolean.TRUE.equals(row.get("active", Boolean.class)),
                row.get("valid_from", LocalDate.class), row.get("valid_to", LocalDate.class),
                row.get("external_ref", String.class), row.get("version", Long.class));
    }

    private static OrgRep rep(Readable row) {
        return new OrgRep(row.get("id", UUID.class), row.get("display_name", String.class), row.get("title", String.class),
                row.get("email", String.class), row.get("role", String.class), Boolean.TRUE.equals(row.get("active", Boolean.class)),
                row.get("hire_date", LocalDate.class), row.get("external_ref", String.class), row.get("version", Long.class));
    }
}
