package com.quota.contract.persistence;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.UUID;

/** Whether a won opportunity of a pipeline drafts a contract by itself; pipelines without a row follow the default. */
@Repository
public class AutoDraftSettings {

    private final DatabaseClient db;

    public AutoDraftSettings(DatabaseClient db) {
        this.db = db;
    }

    /** The explicit setting of a pipeline, or empty. */
    public Mono<Boolean> enabled(UUID pipelineId) {
        return db.sql("select enabled from auto_draft_setting where pipeline_id = :p").bind("p", pipelineId)
                .map(r -> r.get("enabled", Boolean.class)).one();
    }

    public Mono<Void> set(UUID pipelineId, boolean enabled, String by, Instant now) {
        return db.sql("""
                insert into auto_draft_setting (pipeline_id, enabled, updated_at, updated_by) values (:p, :e, :now, :by)
                on conflict (pipeline_id) do update set enabled = excluded.enabled, updated_at = excluded.updated_at,
                    updated_by = excluded.updated_by""")
                .bind("p", pipelineId).bind("e", enabled).bind("now", now).bind("by", by).fetch().rowsUpdated().then();
    }
}
