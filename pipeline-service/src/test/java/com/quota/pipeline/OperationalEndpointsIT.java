package com.quota.pipeline;

import com.quota.testsupport.service.ServiceOperationalEndpointsContract;

import java.util.List;

/** Health probes, Prometheus metrics and the OpenAPI document are served, open, without a token. */
class OperationalEndpointsIT extends AbstractPipelineServiceIT implements ServiceOperationalEndpointsContract {

    @Override
    public List<String> documentedGetPaths() {
        return List.of("/api/pipelines", "/api/pipelines/{id}", "/api/accounts", "/api/accounts/{id}/history", "/api/opportunities",
                "/api/opportunities/{id}", "/api/opportunities/{id}/stage-history", "/api/fx-rates", "/api/forecast",
                "/api/forecast/funnel");
    }
}
