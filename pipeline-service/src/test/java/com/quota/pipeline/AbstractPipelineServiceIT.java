package com.quota.pipeline;

import com.quota.eventcontracts.Topics;
import com.quota.pipeline.web.OutboxProbeController;
import com.quota.testsupport.postgres.TestPostgres;
import com.quota.testsupport.security.TestTokens;
import com.quota.testsupport.service.AbstractRunningServiceIT;
import com.quota.testsupport.service.RunningServiceTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one Spring context every integration test of pipeline-service shares: the whole app on a random port
 * over real PostgreSQL (its own database), a real KRaft broker and real signed tokens. Subclasses add no
 * configuration, so the context is built once per test JVM. The broker pre-creates only the topics pipeline-service
 * consumes; see {@link RunningServiceTest}.
 */
@RunningServiceTest(consumedTopics = {Topics.TARGETS_ORG})
@Import(OutboxProbeController.class)
public abstract class AbstractPipelineServiceIT extends AbstractRunningServiceIT {

    protected AbstractPipelineServiceIT() {
        super("pipeline-service");
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestPostgres.registerNewDatabase(registry, "pipeline");
        TestTokens.registerResourceServer(registry);
    }
}
