package com.quota.contract;

import com.quota.testsupport.service.ServiceOperationalEndpointsContract;

import java.util.List;

/** Health probes, Prometheus metrics and the OpenAPI document are served, open, without a token. */
class OperationalEndpointsIT extends AbstractContractServiceIT implements ServiceOperationalEndpointsContract {

    @Override
    public List<String> documentedGetPaths() {
        return List.of();
    }
}
