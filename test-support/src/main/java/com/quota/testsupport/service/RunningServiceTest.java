package com.quota.testsupport.service;

import com.quota.eventcontracts.Topics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.annotation.AliasFor;
import org.springframework.kafka.test.context.EmbeddedKafka;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The shared integration-test context of a service: the whole app on a random port with a {@code WebTestClient},
 * over a real KRaft broker. Put it on the service's one abstract test base (with its {@code @DynamicPropertySource}
 * for PostgreSQL and tokens) so the context is built once per test JVM.
 * <p>
 * The broker pre-creates only the topics the service consumes (others create them in production); the topics it
 * publishes must come from the app itself, and auto-creation is off so nothing appears by accident.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@AutoConfigureWebTestClient(timeout = "30s")
@EmbeddedKafka(partitions = Topics.LOCAL_PARTITIONS, brokerProperties = "auto.create.topics.enable=false")
public @interface RunningServiceTest {

    /** The topics the service consumes, pre-created on the embedded broker. */
    @AliasFor(annotation = EmbeddedKafka.class, attribute = "topics")
    String[] consumedTopics();
}
