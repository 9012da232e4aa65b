package com.quota.performance.kpi.web;

import com.quota.api.idempotency.CreatedResponse;
import com.quota.api.idempotency.IdempotentCreates;
import com.quota.api.ids.Ids;
import com.quota.api.problem.ApiProblem;
import com.quota.performance.kpi.KpiDefinition;
import com.quota.performance.kpi.KpiMeasure;
import com.quota.performance.kpi.ScoringRule;
import com.quota.performance.kpi.persistence.KpiRows;
import com.quota.performance.config.ReadAccess;
import com.quota.resourceserver.Caller;
import com.quota.resourceserver.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** KPI definitions: a measure, a direction and a scoring rule (LINEAR or BANDS). */
@RestController
@RequestMapping("/api/kpis")
@Tag(name = "KPIs")
class KpiDefinitionController {

    record BandJson(BigDecimal bound, BigDecimal score) {
    }

    record RuleJson(String type, BigDecimal threshold, BigDecimal target, BigDecimal cap, List<BandJson> bands) {
    }

    record KpiRequest(String code, String name, String measure, String direction, RuleJson rule) {
        KpiDefinition toKpi(UUID id) {
            KpiMeasure kpiMeasure;
            try {
                kpiMeasure = KpiMeasure.valueOf(String.valueOf(measure));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalidField("measure", "one of " + Arrays.toString(KpiMeasure.values()));
            }
            KpiMeasure.Direction kpiDirection = kpiMeasure.usualDirection();
            if (direction != null) {
                try {
                    kpiDirection = KpiMeasure.Direction.valueOf(direction);
                } catch (IllegalArgumentException e) {
                    throw ApiProblem.invalidField("direction", "HIGHER_IS_BETTER or LOWER_IS_BETTER");
                }
            }
            if (rule == null || rule.type() == null) {
                throw ApiProblem.invalidField("rule", "a LINEAR or BANDS rule");
            }
            ScoringRule scoring = switch (rule.type()) {
                case "LINEAR" -> {
                    if (rule.threshold() == null || rule.target() == null) {
                        throw ApiProblem.invalidField("rule", "a LINEAR rule needs threshold and target (cap defaults to 120)");
                    }
                    yield new ScoringRule.Linear(rule.threshold(), rule.target(), rule.cap() == null ? BigDecimal.valueOf(120) : rule.cap());
                }
                case "BANDS" -> {
                    if (rule.bands() == null || rule.bands().stream().anyMatch(b -> b == null || b.bound() == null || b.score() == null)) {
                        throw ApiProblem.invalidField("rule.bands", "a list of {bound, score}");
                    }
                    yield new ScoringRule.Bands(kpiDirection, rule.bands().stream().map(b -> new ScoringRule.Band(b.bound(), b.score())).toList());
                }
                default -> throw ApiProblem.invalidField("rule.type", "LINEAR or BANDS");
            };
            return new KpiDefinition(id, code, name, kpiMeasure, kpiDirection, scoring);
        }
    }

    record KpiView(UUID id, String code, String name, String measure, String direction, RuleJson rule) {
        static KpiView of(KpiDefinition kpi) {
            RuleJson rule = kpi.rule() instanceof ScoringRule.Linear l
                    ? new RuleJson("LINEAR", l.threshold(), l.target(), l.cap(), null)
                    : new RuleJson("BANDS", null, null, null, ((ScoringRule.Bands) kpi.rule()).bands().stream()
                            .map(band -> new BandJson(band.bound(), band.score())).toList());
            return new KpiView(kpi.id(), kpi.code(), kpi.name(), kpi.measure().name(), kpi.direction().name(), rule);
        }
    }

    private final KpiRows kpis;
    private final IdempotentCreates creates;

    KpiDefinitionController(KpiRows kpis, IdempotentCreates creates) {
        this.kpis = kpis;
        this.creates = creates;
    }

    @PostMapping("/definitions")
    @Operation(summary = "Define a KPI (ADMIN, DIRECTOR): measure, direction, LINEAR (threshold, target, cap) or BANDS rule")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = KpiView.class)))
    Mono<ResponseEntity<String>> define(Caller caller, @RequestBody KpiRequest request, ServerWebExchange exchange) {
        if (!caller.hasAnyRole(Role.ADMIN, Role.DIRECTOR)) {
            throw new AccessDeniedException("only directors and admins define KPIs");
        }
        KpiDefinition kpi = request.toKpi(Ids.newId());
        return creates.create(exchange, caller, request, () -> kpis.insert(kpi)
                .onErrorMap(e -> e.getMessage() != null && e.getMessage().contains("kpi_definition_code_key"),
                        e -> ApiProblem.duplicate("a KPI with code " + kpi.code() + " exists already"))
                .thenReturn(CreatedResponse.created(KpiView.of(kpi), URI.create("/api/kpis/definitions/" + kpi.id()))));
    }

    @GetMapping("/definitions")
    @Operation(summary = "Every KPI definition")
    Mono<List<KpiView>> definitions(Caller caller) {
        ReadAccess.require(caller);
        return kpis.all().map(KpiView::of).collectList();
    }
}
