package com.quota.contract;

import com.quota.contract.archfixture.LeakyDomainFixture;
import com.quota.testsupport.service.ServiceArchitectureContract;

/** The shape of contract-service: a framework-free domain, HTTP only at the edge, no other service's code. */
class ArchitectureTest implements ServiceArchitectureContract {

    @Override
    public Class<?> applicationClass() {
        return ContractServiceApplication.class;
    }

    @Override
    public String knownProductionPackage() {
        return "com.quota.contract.config";
    }

    @Override
    public Class<?> leakyDomainFixture() {
        return LeakyDomainFixture.class;
    }
}
