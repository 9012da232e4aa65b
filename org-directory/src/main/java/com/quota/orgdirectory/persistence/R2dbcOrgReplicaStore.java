package com.quota.orgdirectory.persistence;

import com.quota.orgdirectory.DatedPeriod;
import com.quota.orgdirectory.ManagerPeriod;
import com.quota.orgdirectory.OrgReplicaStore;
import com.quota.orgdirectory.OrgUnitState;
import com.quota.orgdirectory.RepState;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static com.quota.orgdirectory.persistence.OrgTableSql.bind;

/**
 * {@link OrgReplicaStore} over the org tables. The version check is in the upsert itself
 * ({@code ON CONFLICT ... DO UPDATE ... WHERE org_unit.version < EXCLUDED.version}), so a stale state changes nothing
 * even when two writers race; the dated child rows are replaced only when the state was applied, under the row lock
 * the upsert took. Runs in the caller's transaction.
 */
public final class R2dbcOrgReplicaStore implements OrgReplicaStore {

    private static final String UPSERT_UNIT = """
            INSERT INTO org_unit (id, parent_id, code, name, type, active, valid_from, valid_to, external_ref, version, changed_at)
            VALUES (:id, :parentId, :code, :name, :type, :active, :validFrom, :validTo, :externalRef, :version, :changedAt)
            ON CONFLICT (id) DO UPDATE SET
                parent_id = EXCLUDED.parent_id, code = EXCLUDED.code, name = EXCLUDED.name, type = EXCLUDED.type,
                active = EXCLUDED.active, valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to,
                external_ref = EXCLUDED.external_ref, version = EXCLUDED.version, changed_at = EXCLUDED.changed_at,
                updated_at = now()
            WHERE org_unit.version < EXCLUDED.version
            RETURNING id""";
    private static final String UPSERT_REP = """
            INSERT INTO org_rep (id, display_name, title, email, role, active, hire_date, external_ref, version, changed_at)
            VALUES (:id, :displayName, :title, :email, :role, :active, :hireDate, :externalRef, :version, :changedAt)
            ON CONFLICT (id) DO UPDATE SET
                display_name = EXCLUDED.display_name, title = EXCLUDED.title, email = EXCLUDED.email,
                role = EXCLUDED.role, active = EXCLUDED.active, hire_date = EXCLUDED.hire_date,
                external_ref = EXCLUDED.external_ref, version = EXCLUDED.version, changed_at = EXCLUDED.changed_at,
                updated_at = now()
            WHERE org_rep.version < EXCLUDED.version
            RETURNING id""";

    private final DatabaseClient db;

    public R2dbcOrgReplicaStore(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<Boolean> upsertUnit(OrgUnitState unit) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(UPSERT_UNIT)
                .bind("id", unit.id())
                .bind("code", unit.code())
                .bind("name", unit.name())
                .bind("type", unit.type())
                .bind("active", unit.active())
                .bind("validFrom", unit.validFrom())
                .bind("version", unit.version());
        spec = bind(spec, "parentId", unit.parentId(), UUID.class);
        spec = bind(spec, "validTo", unit.validTo(), LocalDate.class);
        spec = bind(spec, "externalRef", unit.externalRef(), String.class);
        spec = bind(spec, "changedAt", timestamp(unit.changedAt()), OffsetDateTime.class);
        return spec.map(row -> row.get("id", UUID.class)).one()
                .flatMap(applied -> replace("org_unit_parent", "unit_id", "parent_id", unit.id(), unit.parentPeriods(),
                        link -> link.parentId())
                        .then(replace("org_unit_manager", "unit_id", "rep_id", unit.id(), unit.managers(), ManagerPeriod::repId))
                        .thenReturn(true))
                .defaultIfEmpty(false);
    }

    @Override
    public Mono<Boolean> upsertRep(RepState rep) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(UPSERT_REP)
                .bind("id", rep.id())
                .bind("displayName", rep.displayName())
                .bind("role", rep.role())
                .bind("active", rep.active())
                .bind("version", rep.version());
        spec = bind(spec, "title", rep.title(), String.class);
        spec = bind(spec, "email", rep.email(), String.class);
        spec = bind(spec, "hireDate", rep.hireDate(), LocalDate.class);
        spec = bind(spec, "externalRef", rep.externalRef(), String.class);
        spec = bind(spec, "changedAt", timestamp(rep.changedAt()), OffsetDateTime.class);
        return spec.map(row -> row.get("id", UUID.class)).one()
                .flatMap(applied -> replace("org_membership", "rep_id", "unit_id", rep.id(), rep.memberships(),
                        membership -> membership.unitId())
                        .thenReturn(true))
                .defaultIfEmpty(false);
    }

    @Override
    public Mono<Void> retireUnit(UUID unitId) {
        return db.sql("UPDATE org_unit SET active = false, updated_at = now() WHERE id = :id")
                .bind("id", unitId).fetch().rowsUpdated().then();
    }

    @Override
    public Mono<Void> retireRep(UUID repId) {
        return db.sql("UPDATE org_rep SET active = false, updated_at = now() WHERE id = :id")
                .bind("id", repId).fetch().rowsUpdated().then();
    }

    @Override
    public Flux<ManagerPeriod> managersOfUnit(UUID unitId) {
        return db.sql("SELECT rep_id, valid_from, valid_to FROM org_unit_manager WHERE unit_id = :unit ORDER BY valid_from")
                .bind("unit", unitId)
                .map(row -> new ManagerPeriod(row.get("rep_id", UUID.class), row.get("valid_from", LocalDate.class),
                        row.get("valid_to", LocalDate.class)))
                .all();
    }

    /** Replaces the dated rows of one owner (table names are constants of this class, never input). */
    private <P extends DatedPeriod> Mono<Void> replace(String table, String ownerColumn, String otherColumn, UUID owner,
                                                       List<P> periods, Function<P, UUID> other) {
        Mono<Long> delete = db.sql("DELETE FROM " + table + " WHERE " + ownerColumn + " = :owner")
                .bind("owner", owner).fetch().rowsUpdated();
        String insert = "INSERT INTO " + table + " (" + ownerColumn + ", " + otherColumn + ", valid_from, valid_to)"
                + " VALUES (:owner, :other, :validFrom, :validTo)";
        return delete.thenMany(Flux.fromIterable(periods).concatMap(period ->
                        bind(db.sql(insert).bind("owner", owner).bind("other", other.apply(period))
                                .bind("validFrom", period.validFrom()), "validTo", period.validTo(), LocalDate.class)
                                .fetch().rowsUpdated()))
                .then();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
