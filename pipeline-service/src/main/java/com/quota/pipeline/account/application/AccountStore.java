package com.quota.pipeline.account.application;

import com.quota.pipeline.account.AccountMove;
import com.quota.pipeline.account.PickRules;
import com.quota.pipeline.persistence.Binds;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Accounts, their history and the pool rules in PostgreSQL. */
@Repository
public class AccountStore {

    private final DatabaseClient db;

    public AccountStore(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insert(StoredAccount a) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO account (id, name, owner_rep_id, region, segment, industry, external_ref, last_follow_up_at)
                        VALUES (:id, :name, :owner, :region, :segment, :industry, :ref, :at)""")
                .bind("id", a.id()).bind("name", a.name()).bind("at", a.lastFollowUpAt());
        spec = Binds.nullable(spec, "owner", a.ownerRepId(), UUID.class);
        spec = Binds.nullable(spec, "region", a.region(), String.class);
        spec = Binds.nullable(spec, "segment", a.segment(), String.class);
        spec = Binds.nullable(spec, "industry", a.industry(), String.class);
        return Binds.nullable(spec, "ref", a.externalRef(), String.class).then();
    }

    /** Writes the fields of {@code a} if the stored version is still {@code expectedVersion}; emits the rows changed. */
    public Mono<Long> update(StoredAccount a, long expectedVersion, boolean touchFollowUp) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        UPDATE account SET name = :name, owner_rep_id = :owner, region = :region, segment = :segment,
                               industry = :industry, version = version + 1, updated_at = now()"""
                        + (touchFollowUp ? ", last_follow_up_at = now()" : "") + " WHERE id = :id AND version = :v")
                .bind("id", a.id()).bind("name", a.name()).bind("v", expectedVersion);
        spec = Binds.nullable(spec, "owner", a.ownerRepId(), UUID.class);
        spec = Binds.nullable(spec, "region", a.region(), String.class);
        spec = Binds.nullable(spec, "segment", a.segment(), String.class);
        return Binds.nullable(spec, "industry", a.industry(), String.class).fetch().rowsUpdated();
    }

    public Mono<Void> history(UUID accountId, AccountMove move, UUID from, UUID to, String reason, String actor, Instant at) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO account_history (id, account_id, action, from_rep_id, to_rep_id, reason, actor, at)
                        VALUES (gen_random_uuid(), :account, :action, :from, :to, :reason, :actor, :at)""")
                .bind("account", accountId).bind("action", move.name()).bind("actor", actor).bind("at", at);
        spec = Binds.nullable(spec, "from", from, UUID.class);
        spec = Binds.nullable(spec, "to", to, UUID.class);
        return Binds.nullable(spec, "reason", reason, String.class).then();
    }

    public Flux<AccountHistoryEntry> historyOf(UUID accountId) {
        return db.sql("SELECT * FROM account_history WHERE account_id = :id ORDER BY at, id").bind("id", accountId)
                .map(r -> new AccountHistoryEntry(AccountMove.valueOf(r.get("action", String.class)),
                        r.get("from_rep_id", UUID.class), r.get("to_rep_id", UUID.class), r.get("reason", String.class),
                        r.get("actor", String.class), r.get("at", Instant.class)))
                .all();
    }

    public Mono<StoredAccount> find(UUID id) {
        return db.sql("SELECT * FROM account WHERE id = :id").bind("id", id).map(AccountStore::account).one();
    }

    /** The account row locked for this transaction (claims and assignments of one account queue up). */
    public Mono<StoredAccount> lock(UUID id) {
        return db.sql("SELECT * FROM account WHERE id = :id FOR UPDATE").bind("id", id).map(AccountStore::account).one();
    }

    public Flux<StoredAccount> list(String where, Map<String, Object> binds, String orderLimitOffset) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT * FROM account WHERE " + where + orderLimitOffset);
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.map(AccountStore::account).all();
    }

    public Mono<Long> count(String where, Map<String, Object> binds) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT count(*) AS n FROM account WHERE " + where);
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.map(r -> r.get("n", Long.class)).one();
    }

    /** Claims {@code repId} made since {@code since}. */
    public Mono<Long> claimsSince(UUID repId, Instant since) {
        return db.sql("SELECT count(*) AS n FROM account_history WHERE to_rep_id = :rep AND action = 'CLAIMED' AND at >= :since")
                .bind("rep", repId).bind("since", since).map(r -> r.get("n", Long.class)).one();
    }

    /** When {@code repId} last lost this account (released, recycled or reassigned away), if ever. */
    public Mono<Instant> lastLostBy(UUID accountId, UUID repId) {
        return db.sql("""
                        SELECT max(at) AS at FROM account_history
                        WHERE account_id = :account AND from_rep_id = :rep AND action IN ('RELEASED', 'RECYCLED', 'ASSIGNED')""")
                .bind("account", accountId).bind("rep", repId).map(r -> java.util.Optional.ofNullable(r.get("at", Instant.class)))
                .one().flatMap(Mono::justOrEmpty);
    }

    public Mono<Void> touchFollowUp(UUID accountId, Instant at) {
        return db.sql("UPDATE account SET last_follow_up_at = greatest(last_follow_up_at, :at) WHERE id = :id")
                .bind("id", accountId).bind("at", at).then();
    }

    public Mono<PickRules> rules() {
        return db.sql("SELECT * FROM pool_rules WHERE id = 1")
                .map(r -> new PickRules(r.get("claims_per_rep_per_day", Integer.class), r.get("reclaim_cooldown_days", Integer.class),
                        r.get("recycle_after_days", Integer.class)))
                .one();
    }

    public Mono<Long> rulesVersion() {
        return db.sql("SELECT version FROM pool_rules WHERE id = 1").map(r -> r.get("version", Long.class)).one();
    }

    public Mono<Long> updateRules(PickRules rules, long expectedVersion) {
        return db.sql("""
                        UPDATE pool_rules SET claims_per_rep_per_day = :c, reclaim_cooldown_days = :d, recycle_after_days = :r,
                               version = version + 1 WHERE id = 1 AND version = :v""")
                .bind("c", rules.claimsPerRepPerDay()).bind("d", rules.reclaimCooldownDays())
                .bind("r", rules.recycleAfterDays()).bind("v", expectedVersion).fetch().rowsUpdated();
    }

    /**
     * Returns to the pool, in one statement, up to {@code limit} owned accounts with no follow-up since {@code cutoff},
     * logging each move; rows another instance is recycling right now are skipped (SKIP LOCKED), so several
     * instances never move one account twice. Emits the accounts moved.
     */
    public Flux<UUID> recycle(Instant cutoff, int limit, String reason) {
        return db.sql("""
                        WITH due AS (
                            SELECT id, owner_rep_id FROM account
                            WHERE owner_rep_id IS NOT NULL AND last_follow_up_at < :cutoff
                            ORDER BY last_follow_up_at LIMIT :limit FOR UPDATE SKIP LOCKED),
                        moved AS (
                            UPDATE account a SET owner_rep_id = NULL, version = a.version + 1, updated_at = now()
                            FROM due WHERE a.id = due.id
                            RETURNING a.id, due.owner_rep_id AS previous)
                        INSERT INTO account_history (id, account_id, action, from_rep_id, reason, actor, at)
                        SELECT gen_random_uuid(), id, 'RECYCLED', previous, :reason, 'recycle-job', now() FROM moved
                        RETURNING account_id""")
                .bind("cutoff", cutoff).bind("limit", limit).bind("reason", reason)
                .map(r -> r.get("account_id", UUID.class)).all();
    }

    static StoredAccount account(Readable r) {
        return new StoredAccount(r.get("id", UUID.class), r.get("name", String.class), r.get("owner_rep_id", UUID.class),
                r.get("region", String.class), r.get("segment", String.class), r.get("industry", String.class),
                r.get("external_ref", String.class), r.get("last_follow_up_at", Instant.class), r.get("version", Long.class));
    }
}
