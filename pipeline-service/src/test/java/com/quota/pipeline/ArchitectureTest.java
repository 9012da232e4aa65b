package com.quota.pipeline;

import com.quota.pipeline.archfixture.LeakyDomainFixture;
import com.quota.testsupport.service.ServiceArchitectureContract;

/** The shape of pipeline-service: a framework-free domain, HTTP only at the edge, no other service's code. */
class ArchitectureTest implements ServiceArchitectureContract {

    @Override
    public Class<?> applicationClass() {
        return PipelineServiceApplication.class;
    }

    @Override
    public String knownProductionPackage() {
        return "com.quota.pipeline.config";
    }

    @Override
    public Class<?> leakyDomainFixture() {
        return LeakyDomainFixture.class;
    }
}
