package com.quota.contract.persistence;

import com.quota.contract.approval.ApprovalRule;
import com.quota.contract.approval.ApproverRole;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/** The approval rules in the database; writers lock the table so two concurrent edits cannot both pass the overlap check. */
@Repository
public class ApprovalRuleStore {

    private final DatabaseClient db;

    public ApprovalRuleStore(DatabaseClient db) {
        this.db = db;
    }

    public Flux<ApprovalRule> all() {
        return db.sql("select * from approval_rule order by above").map(r -> new ApprovalRule(r.get("id", UUID.class),
                r.get("above", BigDecimal.class).stripTrailingZeros(), stripped(r.get("up_to", BigDecimal.class)),
                Arrays.stream(r.get("steps", String[].class)).map(ApproverRole::valueOf).toList(), r.get("row_version", Long.class))).all();
    }

    /** Serialises rule changes (in the caller's transaction) so the overlap check sees every committed rule. */
    public Mono<Void> lockForChange() {
        return db.sql("lock table approval_rule in share row exclusive mode").then();
    }

    public Mono<Void> insert(ApprovalRule rule, Instant now) {
        return bindBand(db.sql("insert into approval_rule (id, above, up_to, steps, row_version, updated_at) values (:id, :above, :upTo, :steps, 0, :now)"), rule)
                .bind("id", rule.id()).bind("now", now).fetch().rowsUpdated().then();
    }

    public Mono<Void> update(ApprovalRule rule, long expectedVersion, Instant now) {
        return bindBand(db.sql("""
                update approval_rule set above = :above, up_to = :upTo, steps = :steps, row_version = row_version + 1, updated_at = :now
                where id = :id and row_version = :expected"""), rule)
                .bind("id", rule.id()).bind("expected", expectedVersion).bind("now", now).fetch().rowsUpdated()
                .flatMap(rows -> rows == 1 ? Mono.<Void>empty()
                        : Mono.error(new OptimisticLockingFailureException("approval rule " + rule.id() + " changed")));
    }

    public Mono<Long> delete(UUID id) {
        return db.sql("delete from approval_rule where id = :id").bind("id", id).fetch().rowsUpdated();
    }

    private static DatabaseClient.GenericExecuteSpec bindBand(DatabaseClient.GenericExecuteSpec spec, ApprovalRule rule) {
        return ContractStore.bindNullable(spec.bind("above", rule.above()), "upTo", rule.upTo(), BigDecimal.class)
                .bind("steps", rule.steps().stream().map(Enum::name).toArray(String[]::new));
    }

    private static BigDecimal stripped(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros();
    }
}
