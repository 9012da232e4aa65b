package com.quota.contract;

import com.quota.testsupport.service.ServiceOperationalEndpointsContract;

import java.util.List;

/** Health probes, Prometheus metrics and the OpenAPI document are served, open, without a token. */
class OperationalEndpointsIT extends AbstractContractServiceIT implements ServiceOperationalEndpointsContract {

    @Override
    public List<String> documentedGetPaths() {
        return List.of("/api/contracts", "/api/contracts/{id}", "/api/contracts/summary", "/api/contracts/export",
                "/api/contracts/pending-approvals", "/api/contracts/{id}/versions", "/api/contracts/{id}/versions/diff",
                "/api/contracts/{id}/payments", "/api/contracts/milestones/overdue", "/api/contracts/approval-rules",
                "/api/contracts/auto-draft/{pipelineId}");
    }
}
