package com.quota.targets.org.persistence;

import com.quota.orgdirectory.ManagerPeriod;
import com.quota.orgdirectory.MembershipPeriod;
import com.quota.orgdirectory.OrgUnitState;
import com.quota.orgdirectory.ParentPeriod;
import com.quota.orgdirectory.RepState;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the full stored state of units and reps from the org tables (written through org-directory's
 * {@code OrgReplicaStore}), so a change can be computed from the whole history; and the login names target-service
 * keeps beside them.
 */
@Repository
public class OrgTreeReader {

    private final DatabaseClient db;

    public OrgTreeReader(DatabaseClient db) {
        this.db = db;
    }

    /** The unit's full state, locked for this transaction so two changes of one unit never interleave. */
    public Mono<OrgUnitState> unitForUpdate(UUID unitId) {
        return db.sql("SELECT * FROM org_unit WHERE id = :id FOR UPDATE").bind("id", unitId)
                .map(row -> unitState(row, List.of(), List.of())).one()
                .flatMap(this::withHistory);
    }

    public Mono<OrgUnitState> unit(UUID unitId) {
        return db.sql("SELECT * FROM org_unit WHERE id = :id").bind("id", unitId)
                .map(row -> unitState(row, List.of(), List.of())).one()
                .flatMap(this::withHistory);
    }

    /** The rep's full state with every membership, locked for this transaction. */
    public Mono<RepState> repForUpdate(UUID repId) {
        return rep("SELECT * FROM org_rep WHERE id = :id FOR UPDATE", repId);
    }

    public Mono<RepState> rep(UUID repId) {
        return rep("SELECT * FROM org_rep WHERE id = :id", repId);
    }

    /** Every unit's parent today: what a cycle check walks up. */
    public Mono<Map<UUID, UUID>> currentParents() {
        return db.sql("SELECT id, parent_id FROM org_unit").map(row -> new UUID[]{row.get("id", UUID.class),
                        row.get("parent_id", UUID.class)}).all()
                .collect(HashMap::new, (map, pair) -> map.put(pair[0], pair[1]));
    }

    /** Active units whose parent on the day is this unit. */
    public Flux<UUID> activeChildren(UUID unitId, LocalDate on) {
        return db.sql("""
                        SELECT p.unit_id FROM org_unit_parent p JOIN org_unit u ON u.id = p.unit_id
                        WHERE p.parent_id = :id AND u.active AND p.valid_from <= :on AND (p.valid_to IS NULL OR p.valid_to >= :on)
                        """)
                .bind("id", unitId).bind("on", on).map(row -> row.get("unit_id", UUID.class)).all();
    }

    /** The units the person manages on the day. */
    public Flux<UUID> unitsManagedBy(UUID repId, LocalDate on) {
        return db.sql("""
                        SELECT unit_id FROM org_unit_manager
                        WHERE rep_id = :rep AND valid_from <= :on AND (valid_to IS NULL OR valid_to >= :on) ORDER BY unit_id
                        """)
                .bind("rep", repId).bind("on", on).map(row -> row.get("unit_id", UUID.class)).all();
    }

    public Mono<String> username(UUID repId) {
        return db.sql("SELECT username FROM org_rep_login WHERE rep_id = :id").bind("id", repId)
                .map(row -> row.get("username", String.class)).one();
    }

    public Mono<Void> saveUsername(UUID repId, String username) {
        return db.sql("""
                        INSERT INTO org_rep_login (rep_id, username) VALUES (:id, :username)
                        ON CONFLICT (rep_id) DO UPDATE SET username = EXCLUDED.username
                        """)
                .bind("id", repId).bind("username", username).then();
    }

    /** Whether another person already has this login name. */
    public Mono<Boolean> usernameTakenByAnother(UUID repId, String username) {
        return db.sql("SELECT count(*) AS n FROM org_rep_login WHERE username = :username AND rep_id <> :id")
                .bind("username", username).bind("id", repId)
                .map(row -> row.get("n", Long.class)).one().map(n -> n > 0);
    }

    private Mono<RepState> rep(String sql, UUID repId) {
        return db.sql(sql).bind("id", repId).map(row -> new RepState(repId,
                        row.get("display_name", String.class), row.get("title", String.class), row.get("email", String.class),
                        row.get("role", String.class), Boolean.TRUE.equals(row.get("active", Boolean.class)),
                        row.get("hire_date", LocalDate.class), List.of(), row.get("external_ref", String.class),
                        row.get("version", Long.class), changedAt(row))).one()
                .flatMap(rep -> memberships(repId).map(memberships -> new RepState(rep.id(), rep.displayName(), rep.title(),
                        rep.email(), rep.role(), rep.active(), rep.hireDate(), memberships, rep.externalRef(), rep.version(),
                        rep.changedAt())));
    }

    private Mono<OrgUnitState> withHistory(OrgUnitState unit) {
        return Mono.zip(parents(unit.id()), managers(unit.id())).map(history -> new OrgUnitState(unit.id(), unit.parentId(),
                unit.code(), unit.name(), unit.type(), unit.active(), unit.validFrom(), unit.validTo(), history.getT1(),
                history.getT2(), unit.externalRef(), unit.version(), unit.changedAt()));
    }

    private Mono<List<ParentPeriod>> parents(UUID unitId) {
        return db.sql("SELECT parent_id, valid_from, valid_to FROM org_unit_parent WHERE unit_id = :id ORDER BY valid_from")
                .bind("id", unitId)
                .map(row -> new ParentPeriod(row.get("parent_id", UUID.class), row.get("valid_from", LocalDate.class),
                        row.get("valid_to", LocalDate.class))).all().collectList();
    }

    private Mono<List<ManagerPeriod>> managers(UUID unitId) {
        return db.sql("SELECT rep_id, valid_from, valid_to FROM org_unit_manager WHERE unit_id = :id ORDER BY valid_from")
                .bind("id", unitId)
                .map(row -> new ManagerPeriod(row.get("rep_id", UUID.class), row.get("valid_from", LocalDate.class),
                        row.get("valid_to", LocalDate.class))).all().collectList();
    }

    private Mono<List<MembershipPeriod>> memberships(UUID repId) {
        return db.sql("SELECT unit_id, valid_from, valid_to FROM org_membership WHERE rep_id = :id ORDER BY valid_from")
                .bind("id", repId)
                .map(row -> new MembershipPeriod(row.get("unit_id", UUID.class), row.get("valid_from", LocalDate.class),
                        row.get("valid_to", LocalDate.class))).all().collectList();
    }

    private static OrgUnitState unitState(Readable row, List<ParentPeriod> parents, List<ManagerPeriod> managers) {
        return new OrgUnitState(row.get("id", UUID.class), row.get("parent_id", UUID.class), row.get("code", String.class),
                row.get("name", String.class), row.get("type", String.class),
                Boolean.TRUE.equals(row.get("active", Boolean.class)), row.get("valid_from", LocalDate.class),
                row.get("valid_to", LocalDate.class), parents, managers, row.get("external_ref", String.class),
                row.get("version", Long.class), changedAt(row));
    }

    private static java.time.Instant changedAt(Readable row) {
        OffsetDateTime at = row.get("changed_at", OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    /** A unit as a tree answer lists it. */
    public record UnitNode(UUID id, UUID parentId, String code, String name, String type) {
    }

    /** A person as a tree answer lists them, with their unit on the day. */
    public record RepNode(UUID id, String displayName, String role, UUID unitId) {
    }

    public Flux<UnitNode> unitNodes(java.util.Collection<UUID> ids, LocalDate on) {
        return db.sql("""
                        SELECT u.id, p.parent_id, u.code, u.name, u.type FROM org_unit u
                        LEFT JOIN org_unit_parent p ON p.unit_id = u.id AND p.valid_from <= :on AND (p.valid_to IS NULL OR p.valid_to >= :on)
                        WHERE u.id = ANY(:ids)""")
                .bind("ids", ids.toArray(UUID[]::new)).bind("on", on)
                .map(row -> new UnitNode(row.get("id", UUID.class), row.get("parent_id", UUID.class),
                        row.get("code", String.class), row.get("name", String.class), row.get("type", String.class)))
                .all();
    }

    public Flux<RepNode> repNodes(java.util.Collection<UUID> ids, LocalDate on) {
        return db.sql("""
                        SELECT r.id, r.display_name, r.role, m.unit_id FROM org_rep r
                        JOIN org_membership m ON m.rep_id = r.id AND m.valid_from <= :on AND (m.valid_to IS NULL OR m.valid_to >= :on)
                        WHERE r.id = ANY(:ids) ORDER BY r.display_name, r.id""")
                .bind("ids", ids.toArray(UUID[]::new)).bind("on", on)
                .map(row -> new RepNode(row.get("id", UUID.class), row.get("display_name", String.class),
                        row.get("role", String.class), row.get("unit_id", UUID.class)))
                .all();
    }
}
