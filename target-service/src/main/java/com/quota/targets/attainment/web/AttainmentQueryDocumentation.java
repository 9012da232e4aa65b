package com.quota.targets.attainment.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.DateSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Documents the attainment queries' parameters one by one. The handlers read them from one {@code Map} (they share
 * their parsing), which springdoc would otherwise list as a required object parameter {@code params} that no client
 * can send.
 */
@Component
class AttainmentQueryDocumentation implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (handler.getBeanType() != AttainmentController.class || !readsParameterMap(handler)) {
            return operation;
        }
        List<Parameter> parameters = new ArrayList<>(operation.getParameters() == null ? List.of() : operation.getParameters());
        parameters.removeIf(p -> "params".equals(p.getName()));
        String method = handler.getMethod().getName();
        boolean series = method.startsWith("series");
        parameters.add(query("metric", true, new StringSchema()._enum(List.of("BOOKINGS", "CONTRACT_VALUE", "COLLECTIONS", "NEW_CUSTOMERS")),
                "The metric measured."));
        if (series) {
            parameters.add(query("fiscalYear", false, new IntegerSchema(), "The fiscal year (default: the year of asOf)."));
        } else {
            parameters.add(query("period", true, new StringSchema(), "A month, quarter or year: FY2026-M11, FY2026-Q4, FY2026."));
        }
        parameters.add(query("asOf", false, new DateSchema(), "The day the figures are as of (default today in the company time zone)."));
        for (String dimension : List.of("productLine", "region", "channel", "customerSegment")) {
            parameters.add(query(dimension, false, new StringSchema(), "Only credits carrying this dimension value (at most one dimension)."));
        }
        if (method.startsWith("children")) {
            parameters.add(query("sort", false, new StringSchema(), "actual|attainmentPercent|pacePercent|gap[,asc|desc] (default attainmentPercent,desc)."));
        }
        if (method.equals("lines")) {
            parameters.add(query("page", false, new IntegerSchema().minimum(java.math.BigDecimal.ZERO), "Page number, from 0."));
            parameters.add(query("size", false, new IntegerSchema().minimum(java.math.BigDecimal.ONE).maximum(java.math.BigDecimal.valueOf(500)),
                    "Page size (default 50)."));
        }
        parameters.add(query("format", false, new StringSchema()._enum(List.of("json", "csv")), "csv streams the report as text/csv."));
        return operation.parameters(parameters);
    }

    private static boolean readsParameterMap(HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (Map.class.isAssignableFrom(parameter.getParameterType())) {
                return true;
            }
        }
        return false;
    }

    private static Parameter query(String name, boolean required, Schema<?> schema, String description) {
        return new Parameter().in("query").name(name).required(required).schema(schema).description(description);
    }
}
