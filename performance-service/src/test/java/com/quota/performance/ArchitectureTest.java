package com.quota.performance;

import com.quota.performance.archfixture.LeakyDomainFixture;
import com.quota.testsupport.service.ServiceArchitectureContract;

/** The shape of performance-service: a framework-free domain, HTTP only at the edge, no other service's code. */
class ArchitectureTest implements ServiceArchitectureContract {

    @Override
    public Class<?> applicationClass() {
        return PerformanceServiceApplication.class;
    }

    @Override
    public String knownProductionPackage() {
        return "com.quota.performance.kpi.web";
    }

    @Override
    public Class<?> leakyDomainFixture() {
        return LeakyDomainFixture.class;
    }
}
