package com.quota.testsupport.service;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The client plumbing of a service's abstract integration-test base, annotated {@link RunningServiceTest}. */
public abstract class AbstractRunningServiceIT implements RunningService {

    private final String serviceName;

    @Autowired
    protected WebTestClient client;

    protected AbstractRunningServiceIT(String serviceName) {
        this.serviceName = serviceName;
    }

    @Override
    public WebTestClient client() {
        return client;
    }

    @Override
    public String serviceName() {
        return serviceName;
    }
}
