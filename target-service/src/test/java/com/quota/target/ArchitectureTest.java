package com.quota.target;

import com.quota.target.archfixture.LeakyDomainFixture;
import com.quota.testsupport.service.ServiceArchitectureContract;

/** The shape of target-service: a framework-free domain, HTTP only at the edge, no other service's code. */
class ArchitectureTest implements ServiceArchitectureContract {

    @Override
    public Class<?> applicationClass() {
        return TargetServiceApplication.class;
    }

    @Override
    public String knownProductionPackage() {
        return "com.quota.target.identity.web";
    }

    @Override
    public Class<?> leakyDomainFixture() {
        return LeakyDomainFixture.class;
    }
}
