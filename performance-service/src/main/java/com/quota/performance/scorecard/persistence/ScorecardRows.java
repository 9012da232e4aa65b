package com.quota.performance.scorecard.persistence;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Scorecard templates (KPI weights and grade bands as JSON), soft ratings and finalized scorecards. */
@Repository
public class ScorecardRows {

    /** A template as stored: KPI ids with weights, grade bands. */
    public record TemplateRow(UUID id, String name, String role, List<WeightJson> kpis, GradeBandsJson gradeBands, long version) {
    }

    public record WeightJson(UUID kpiId, BigDecimal weightPercent) {
    }

    public record GradeBandsJson(List<GradeJson> bands, String fallbackGrade) {
    }

    public record GradeJson(String grade, BigDecimal minScore) {
    }

    /** A soft rating. */
    public record RatingRow(UUID id, UUID repId, String periodKey, String measure, BigDecimal rating, String comment,
                            String ratedBy) {
    }

    /** A finalized scorecard; {@code kpis} is the JSON of its scored KPIs. */
    public record FinalizedRow(UUID id, UUID repId, UUID unitId, String periodKey, UUID templateId, BigDecimal score,
                               String grade, Integer rankInTeam, Integer teamSize, LocalDate asOf, String kpisJson) {
    }

    private final DatabaseClient db;
    private final JsonMapper json;

    public ScorecardRows(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<Void> insertTemplate(TemplateRow t) {
        return db.sql("INSERT INTO scorecard_template (id, name, role, kpis, grade_bands) VALUES (:id, :name, :role, :kpis, :bands)")
                .bind("id", t.id()).bind("name", t.name()).bind("role", t.role())
                .bind("kpis", Json.of(json.writeValueAsString(t.kpis())))
                .bind("bands", Json.of(json.writeValueAsString(t.gradeBands())))
                .fetch().rowsUpdated().then();
    }

    public Mono<Long> updateTemplate(TemplateRow t, long expected) {
        return db.sql("UPDATE scorecard_template SET name = :name, kpis = :kpis, grade_bands = :bands, version = version + 1, "
                        + "updated_at = now() WHERE id = :id AND version = :expected")
                .bind("id", t.id()).bind("name", t.name())
                .bind("kpis", Json.of(json.writeValueAsString(t.kpis())))
                .bind("bands", Json.of(json.writeValueAsString(t.gradeBands())))
                .bind("expected", expected)
                .fetch().rowsUpdated();
    }

    public Mono<TemplateRow> templateOfRole(String role) {
        return db.sql("SELECT * FROM scorecard_template WHERE role = :role").bind("role", role).map(this::template).one();
    }

    public Mono<TemplateRow> template(UUID id) {
        return db.sql("SELECT * FROM scorecard_template WHERE id = :id").bind("id", id).map(this::template).one();
    }

    public Flux<TemplateRow> templates() {
        return db.sql("SELECT * FROM scorecard_template ORDER BY role").map(this::template).all();
    }

    /** The latest rating wins: one per rep × period × measure. */
    public Mono<Void> upsertRating(RatingRow r, UUID ratedByRep) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO soft_rating (id, rep_id, period_key, measure, rating, comment, rated_by, rated_by_rep)
                        VALUES (:id, :repId, :periodKey, :measure, :rating, :comment, :ratedBy, :ratedByRep)
                        ON CONFLICT (rep_id, period_key, measure) DO UPDATE SET rating = excluded.rating,
                            comment = excluded.comment, rated_by = excluded.rated_by, rated_by_rep = excluded.rated_by_rep,
                            rated_at = now()
                        """)
                .bind("id", r.id()).bind("repId", r.repId()).bind("periodKey", r.periodKey()).bind("measure", r.measure())
                .bind("rating", r.rating()).bind("ratedBy", r.ratedBy());
        spec = r.comment() == null ? spec.bindNull("comment", String.class) : spec.bind("comment", r.comment());
        spec = ratedByRep == null ? spec.bindNull("ratedByRep", UUID.class) : spec.bind("ratedByRep", ratedByRep);
        return spec.fetch().rowsUpdated().then();
    }

    public Flux<RatingRow> ratings(UUID repId, String periodKey) {
        return db.sql("SELECT * FROM soft_rating WHERE rep_id = :repId AND period_key = :periodKey ORDER BY measure")
                .bind("repId", repId).bind("periodKey", periodKey)
                .map(row -> new RatingRow(row.get("id", UUID.class), row.get("rep_id", UUID.class), row.get("period_key", String.class),
                        row.get("measure", String.class), row.get("rating", BigDecimal.class), row.get("comment", String.class),
                        row.get("rated_by", String.class)))
                .all();
    }

    public Mono<Void> insertFinalized(FinalizedRow f, String finalizedBy) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO scorecard (id, rep_id, unit_id, period_key, template_id, status, score, grade, rank_in_team,
                            team_size, as_of, kpis, finalized_by)
                        VALUES (:id, :repId, :unitId, :periodKey, :templateId, 'FINALIZED', :score, :grade, :rank, :size, :asOf,
                            :kpis, :by)
                        """)
                .bind("id", f.id()).bind("repId", f.repId()).bind("periodKey", f.periodKey()).bind("templateId", f.templateId())
                .bind("score", f.score()).bind("grade", f.grade()).bind("asOf", f.asOf()).bind("kpis", Json.of(f.kpisJson()))
                .bind("by", finalizedBy);
        spec = f.unitId() == null ? spec.bindNull("unitId", UUID.class) : spec.bind("unitId", f.unitId());
        spec = f.rankInTeam() == null ? spec.bindNull("rank", Integer.class) : spec.bind("rank", f.rankInTeam());
        spec = f.teamSize() == null ? spec.bindNull("size", Integer.class) : spec.bind("size", f.teamSize());
        return spec.fetch().rowsUpdated().then();
    }

    public Mono<FinalizedRow> finalized(UUID repId, String periodKey) {
        return db.sql("SELECT * FROM scorecard WHERE rep_id = :repId AND period_key = :periodKey")
                .bind("repId", repId).bind("periodKey", periodKey).map(ScorecardRows::finalizedRow).one();
    }

    public Flux<FinalizedRow> finalized(Collection<UUID> repIds, String periodKey) {
        if (repIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("SELECT * FROM scorecard WHERE rep_id = ANY(:reps) AND period_key = :periodKey")
                .bind("reps", repIds.toArray(UUID[]::new)).bind("periodKey", periodKey).map(ScorecardRows::finalizedRow).all();
    }

    private static FinalizedRow finalizedRow(Readable row) {
        return new FinalizedRow(row.get("id", UUID.class), row.get("rep_id", UUID.class), row.get("unit_id", UUID.class),
                row.get("period_key", String.class), row.get("template_id", UUID.class), row.get("score", BigDecimal.class),
                row.get("grade", String.class), row.get("rank_in_team", Integer.class), row.get("team_size", Integer.class),
                row.get("as_of", LocalDate.class), row.get("kpis", Json.class).asString());
    }

    private TemplateRow template(Readable row) {
        return new TemplateRow(row.get("id", UUID.class), row.get("name", String.class), row.get("role", String.class),
                json.readValue(row.get("kpis", Json.class).asString(), new TypeReference<List<WeightJson>>() { }),
                json.readValue(row.get("grade_bands", Json.class).asString(), GradeBandsJson.class),
                row.get("version", Long.class));
    }
}
