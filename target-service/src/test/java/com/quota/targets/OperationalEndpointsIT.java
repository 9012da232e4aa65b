package com.quota.targets;

import com.quota.testsupport.service.ServiceOperationalEndpointsContract;

import java.util.List;

/** Health probes, Prometheus metrics and the OpenAPI document are served, open, without a token. */
class OperationalEndpointsIT extends AbstractTargetServiceIT implements ServiceOperationalEndpointsContract {

    @Override
    public List<String> documentedGetPaths() {
        return List.of("/api/org/me", "/api/org/units/{id}", "/api/targets", "/api/targets/{id}", "/api/targets/tree");
    }
}
