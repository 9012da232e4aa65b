package com.quota.targets;

import com.quota.eventcontracts.Topics;
import com.quota.targets.web.OutboxProbeController;
import com.quota.testsupport.postgres.TestPostgres;
import com.quota.testsupport.security.TestTokens;
import com.quota.testsupport.service.AbstractRunningServiceIT;
import com.quota.testsupport.service.RunningServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one Spring context every integration test of target-service shares: the whole app on a random port
 * over real PostgreSQL (its own database), a real KRaft broker and real signed tokens. Subclasses add no
 * configuration, so the context is built once per test JVM. The broker pre-creates only the topics target-service
 * consumes; see {@link RunningServiceTest}.
 */
@RunningServiceTest(consumedTopics = {Topics.PIPELINE_OPPORTUNITY, Topics.CONTRACTS_CONTRACT})
@Import(OutboxProbeController.class)
public abstract class AbstractTargetServiceIT extends AbstractRunningServiceIT {

    @Autowired
    private DatabaseClient database;

    protected AbstractTargetServiceIT() {
        super("target-service");
    }

    /**
     * Pace judged after every change uses the real today, so a test's fixed-date pace assertions would depend on the
     * day it runs: it is off unless a test turns it on through the API (the product's default is on, V61).
     */
    @BeforeEach
    void paceOnChangeOffUnlessTheTestTurnsItOn() {
        database.sql("UPDATE attainment_alert_settings SET evaluate_on_change = false WHERE evaluate_on_change").then().block();
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestPostgres.registerNewDatabase(registry, "target");
        TestTokens.registerResourceServer(registry);
        // a CSV of more than 50 rows runs as a job (production default 1000), so the job path is tested on a small file
        registry.add("quota.targets.import.job-threshold-rows", () -> "50");
    }
}
