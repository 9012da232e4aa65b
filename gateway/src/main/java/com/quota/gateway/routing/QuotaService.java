package com.quota.gateway.routing;

import java.util.List;

/** The four business services behind the gateway and the API paths each one owns. */
public enum QuotaService {
    TARGET("target", "/api/targets/**", "/api/org/**", "/api/attainment/**"),
    PIPELINE("pipeline", "/api/pipelines/**", "/api/opportunities/**", "/api/accounts/**", "/api/forecast/**",
            "/api/fx-rates/**"),
    CONTRACT("contract", "/api/contracts/**"),
    PERFORMANCE("performance", "/api/kpis/**", "/api/scorecards/**", "/api/commissions/**");

    private final String id;
    private final List<String> apiPaths;

    QuotaService(String id, String... apiPaths) {
        this.id = id;
        this.apiPaths = List.of(apiPaths);
    }

    /** Short name used in routes, breakers, {@code /health/<id>} and {@code /v3/api-docs/<id>}. */
    public String id() {
        return id;
    }

    public List<String> apiPaths() {
        return apiPaths;
    }
}
