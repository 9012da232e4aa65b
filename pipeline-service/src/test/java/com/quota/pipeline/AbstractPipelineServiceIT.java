package com.quota.pipeline;

import com.quota.eventcontracts.Topics;
import com.quota.pipeline.web.OutboxProbeController;
import com.quota.testsupport.postgres.TestPostgres;
import com.quota.testsupport.security.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The one Spring context every integration test of pipeline-service shares: the whole app on a random port
 * over real PostgreSQL (its own database), a real KRaft broker and real signed tokens. Subclasses add no
 * configuration, so the context is built once per test JVM.
 * <p>
 * The broker pre-creates only the topics pipeline-service consumes (others create them in production); the
 * topics it publishes must come from the app itself, and auto-creation is off so nothing appears by accident.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@AutoConfigureWebTestClient(timeout = "30s")
@EmbeddedKafka(partitions = Topics.LOCAL_PARTITIONS,
        topics = {Topics.TARGETS_ORG},
        brokerProperties = "auto.create.topics.enable=false")
@Import(OutboxProbeController.class)
public abstract class AbstractPipelineServiceIT {

    @Autowired
    protected WebTestClient client;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestPostgres.registerNewDatabase(registry, "pipeline");
        TestTokens.registerResourceServer(registry);
    }
}
