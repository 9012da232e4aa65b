package com.quota.pipeline.pipeline.application;

import com.quota.pipeline.failure.ConflictException;
import com.quota.pipeline.failure.StaleVersionException;
import com.quota.pipeline.pipeline.ForecastCategory;
import com.quota.pipeline.pipeline.Pipeline;
import com.quota.pipeline.pipeline.Stage;
import com.quota.pipeline.pipeline.StageOutcome;
import io.r2dbc.spi.Readable;
import com.quota.pipeline.persistence.Binds;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Pipelines and their stages in PostgreSQL. */
@Repository
public class PipelineStore {

    private final DatabaseClient db;

    public PipelineStore(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insert(Pipeline pipeline, String externalRef) {
        return Binds.nullable(db.sql("INSERT INTO pipeline (id, name, external_ref) VALUES (:id, :name, :ref)")
                        .bind("id", pipeline.id()).bind("name", pipeline.name()), "ref", externalRef, String.class)
                .then()
                .thenMany(Flux.fromIterable(pipeline.stages()).concatMap(stage -> insertStage(pipeline.id(), stage)))
                .then();
    }

    private Mono<Void> insertStage(UUID pipelineId, Stage stage) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO pipeline_stage (id, pipeline_id, code, name, position, probability, forecast_category,
                                                    expected_days, conversion_rate, closed_as)
                        VALUES (:id, :pipeline, :code, :name, :position, :probability, :category, :days, :rate, :closedAs)
                        """)
                .bind("id", stage.id()).bind("pipeline", pipelineId).bind("code", stage.code()).bind("name", stage.name())
                .bind("position", stage.position()).bind("probability", stage.probability())
                .bind("category", stage.forecastCategory().name()).bind("days", stage.expectedDays());
        spec = Binds.nullable(spec, "rate", stage.conversionRate(), BigDecimal.class);
        return Binds.nullable(spec, "closedAs", stage.closedAs() == null ? null : stage.closedAs().name(), String.class).then();
    }

    /** Replaces the name and stage settings; stages keep their ids by code. Stages in use may not be removed. */
    public Mono<Void> update(Pipeline pipeline, long expectedVersion, List<Stage> removed) {
        return db.sql("UPDATE pipeline SET name = :name, version = version + 1, updated_at = now() WHERE id = :id AND version = :v")
                .bind("name", pipeline.name()).bind("id", pipeline.id()).bind("v", expectedVersion)
                .fetch().rowsUpdated()
                .flatMap(rows -> rows == 0 ? Mono.error(new StaleVersionException(expectedVersion + 1)) : Mono.empty())
                .thenMany(Flux.fromIterable(removed).concatMap(stage -> db.sql(
                                "SELECT count(*) AS n FROM opportunity WHERE stage_id = :id")
                        .bind("id", stage.id()).map(r -> r.get("n", Long.class)).one()
                        .flatMap(n -> n > 0 ? Mono.error(new ConflictException("stage-in-use",
                                "stage " + stage.code() + " still has opportunities"))
                                : db.sql("DELETE FROM pipeline_stage WHERE id = :id").bind("id", stage.id()).then())))
                .thenMany(Flux.fromIterable(pipeline.stages()).concatMap(stage -> Binds.nullable(db.sql("""
                        UPDATE pipeline_stage SET name = :name, position = :position, probability = :probability,
                               forecast_category = :category, expected_days = :days, conversion_rate = :rate
                        WHERE id = :id""")
                        .bind("id", stage.id()).bind("name", stage.name()).bind("position", stage.position())
                        .bind("probability", stage.probability()).bind("category", stage.forecastCategory().name())
                        .bind("days", stage.expectedDays()), "rate", stage.conversionRate(), BigDecimal.class)
                        .fetch().rowsUpdated()
                        .flatMap(rows -> rows == 0 ? insertStage(pipeline.id(), stage) : Mono.empty())))
                .then();
    }

    public Mono<StoredPipeline> find(UUID id) {
        return db.sql("SELECT id, name, external_ref, version FROM pipeline WHERE id = :id").bind("id", id)
                .map(r -> new Object[]{r.get("id", UUID.class), r.get("name", String.class), r.get("external_ref", String.class),
                        r.get("version", Long.class)})
                .one()
                .flatMap(row -> stages((UUID) row[0]).collectList()
                        .map(stages -> new StoredPipeline(new Pipeline((UUID) row[0], (String) row[1], stages),
                                (String) row[2], (Long) row[3])));
    }

    public Mono<UUID> idByExternalRef(String externalRef) {
        return db.sql("SELECT id FROM pipeline WHERE external_ref = :ref").bind("ref", externalRef)
                .map(r -> r.get("id", UUID.class)).one();
    }

    public Flux<StoredPipeline> all() {
        return db.sql("SELECT id FROM pipeline ORDER BY name, id").map(r -> r.get("id", UUID.class)).all()
                .concatMap(this::find);
    }

    private Flux<Stage> stages(UUID pipelineId) {
        return db.sql("SELECT * FROM pipeline_stage WHERE pipeline_id = :id ORDER BY position, code").bind("id", pipelineId)
                .map(PipelineStore::stage).all();
    }

    static Stage stage(Readable r) {
        String closedAs = r.get("closed_as", String.class);
        return new Stage(r.get("id", UUID.class), r.get("code", String.class), r.get("name", String.class),
                r.get("position", Integer.class), r.get("probability", Integer.class),
                ForecastCategory.valueOf(r.get("forecast_category", String.class)), r.get("expected_days", Integer.class),
                r.get("conversion_rate", BigDecimal.class), closedAs == null ? null : StageOutcome.valueOf(closedAs));
    }

    /** All stages of all pipelines by id (stage snapshots for history reads are in the history rows). */
    public Mono<Map<UUID, Stage>> stagesById() {
        return db.sql("SELECT * FROM pipeline_stage").map(PipelineStore::stage).all()
                .collectMap(Stage::id);
    }

    static List<Stage> copyOf(List<Stage> stages) {
        return new ArrayList<>(stages);
    }
}
