package com.quota.contract;

import com.quota.testsupport.service.ServiceOperationalEndpointsContract;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Health probes, Prometheus metrics and the OpenAPI document are served, open, without a token. */
class OperationalEndpointsIT extends AbstractContractServiceIT implements ServiceOperationalEndpointsContract {

    @Override
    public List<String> documentedGetPaths() {
        return List.of("/api/contracts", "/api/contracts/{id}", "/api/contracts/summary", "/api/contracts/export",
                "/api/contracts/pending-approvals", "/api/contracts/{id}/versions", "/api/contracts/{id}/versions/diff",
                "/api/contracts/{id}/payments", "/api/contracts/milestones/overdue", "/api/contracts/approval-rules",
                "/api/contracts/auto-draft/{pipelineId}");
    }

    @Test
    void everyWriteOfTheContractApiIsInTheOpenApiDocument() {
        String text = client.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        JsonNode paths = JSON.readTree(text).path("paths");
        List<String> writes = List.of("post /api/contracts", "post /api/contracts/{id}/submit", "post /api/contracts/{id}/approve",
                "post /api/contracts/{id}/reject", "post /api/contracts/{id}/revise", "post /api/contracts/{id}/sign",
                "post /api/contracts/{id}/start-execution", "post /api/contracts/{id}/suspend", "post /api/contracts/{id}/resume",
                "post /api/contracts/{id}/complete", "post /api/contracts/{id}/close", "post /api/contracts/{id}/terminate",
                "post /api/contracts/{id}/amendments", "put /api/contracts/{id}/milestones",
                "post /api/contracts/{id}/milestones/{milestoneId}/complete", "put /api/contracts/{id}/payment-plan",
                "post /api/contracts/{id}/payments", "post /api/contracts/approval-rules", "put /api/contracts/approval-rules/{id}",
                "delete /api/contracts/approval-rules/{id}", "put /api/contracts/auto-draft/{pipelineId}",
                "get /api/contracts/{id}/audit", "get /api/contracts/{id}/versions/{version}");
        for (String write : writes) {
            String[] methodAndPath = write.split(" ");
            assertThat(paths.path(methodAndPath[1]).has(methodAndPath[0])).as(write).isTrue();
        }
    }
}
