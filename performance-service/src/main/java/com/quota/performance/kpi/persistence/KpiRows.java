package com.quota.performance.kpi.persistence;

import com.quota.performance.kpi.KpiDefinition;
import com.quota.performance.kpi.KpiMeasure;
import com.quota.performance.kpi.ScoringRule;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** KPI definitions with their scoring rule as JSON. */
@Repository
public class KpiRows {

    /** The stored shape of a scoring rule. */
    record RuleJson(String type, BigDecimal threshold, BigDecimal target, BigDecimal cap, List<BandJson> bands) {
    }

    record BandJson(BigDecimal bound, BigDecimal score) {
    }

    private final DatabaseClient db;
    private final JsonMapper json;

    public KpiRows(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<Void> insert(KpiDefinition kpi) {
        RuleJson rule = kpi.rule() instanceof ScoringRule.Linear l
                ? new RuleJson("LINEAR", l.threshold(), l.target(), l.cap(), null)
                : new RuleJson("BANDS", null, null, null, ((ScoringRule.Bands) kpi.rule()).bands().stream()
                        .map(band -> new BandJson(band.bound(), band.score())).toList());
        return db.sql("INSERT INTO kpi_definition (id, code, name, measure, direction, rule) VALUES (:id, :code, :name, :measure, :direction, :rule)")
                .bind("id", kpi.id()).bind("code", kpi.code()).bind("name", kpi.name()).bind("measure", kpi.measure().name())
                .bind("direction", kpi.direction().name()).bind("rule", Json.of(json.writeValueAsString(rule)))
                .fetch().rowsUpdated().then();
    }

    public Flux<KpiDefinition> all() {
        return db.sql("SELECT * FROM kpi_definition ORDER BY code").map(this::kpi).all();
    }

    public Flux<KpiDefinition> byIds(Collection<UUID> ids) {
        return db.sql("SELECT * FROM kpi_definition WHERE id = ANY(:ids)").bind("ids", ids.toArray(UUID[]::new)).map(this::kpi).all();
    }

    private KpiDefinition kpi(Readable row) {
        RuleJson rule = json.readValue(row.get("rule", Json.class).asString(), RuleJson.class);
        KpiMeasure.Direction direction = KpiMeasure.Direction.valueOf(row.get("direction", String.class));
        ScoringRule scoring = "LINEAR".equals(rule.type())
                ? new ScoringRule.Linear(rule.threshold(), rule.target(), rule.cap())
                : new ScoringRule.Bands(direction, rule.bands().stream().map(b -> new ScoringRule.Band(b.bound(), b.score())).toList());
        return new KpiDefinition(row.get("id", UUID.class), row.get("code", String.class), row.get("name", String.class),
                KpiMeasure.valueOf(row.get("measure", String.class)), direction, scoring);
    }
}
