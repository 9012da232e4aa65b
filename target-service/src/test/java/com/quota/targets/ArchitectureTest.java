package com.quota.targets;

import com.quota.targets.archfixture.LeakyDomainFixture;
import com.quota.testsupport.service.ServiceArchitectureContract;

/** The shape of target-service: a framework-free domain, HTTP only at the edge, no other service's code. */
class ArchitectureTest implements ServiceArchitectureContract {

    @Override
    public Class<?> applicationClass() {
        return TargetServiceApplication.class;
    }

    @Override
    public String knownProductionPackage() {
        return "com.quota.targets.identity.web";
    }

    @Override
    public Class<?> leakyDomainFixture() {
        return LeakyDomainFixture.class;
    }
}
