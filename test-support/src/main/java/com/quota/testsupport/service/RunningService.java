package com.quota.testsupport.service;

import org.springframework.test.web.reactive.server.WebTestClient;

/** A service started on a random port by its shared integration-test context, as the contracts see it. */
public interface RunningService {

    /** A client bound to the running service. */
    WebTestClient client();

    /** The service's application name, e.g. {@code target-service}. */
    String serviceName();
}
