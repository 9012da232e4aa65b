package com.quota.testsupport.service;

import com.quota.eventcontracts.Topics;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app creates the topics it publishes, each with a dead-letter twin of the same partition count. The shared
 * context's broker must not pre-create them and must have auto-creation off.
 */
public interface ServiceKafkaTopicsContract {

    /** The topics the service publishes, as the test expects them (not read from the app's own configuration). */
    List<String> publishedTopics();

    @Test
    default void publishedTopicsAndTheirDeadLetterTwinsExistWithSixPartitions(@Autowired EmbeddedKafkaBroker broker)
            throws Exception {
        List<String> names = publishedTopicsWithDeadLetterTwins();
        try (AdminClient admin = admin(broker)) {
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics).containsOnlyKeys(names);
            topics.values().forEach(topic -> assertThat(topic.partitions())
                    .as(topic.name()).hasSize(Topics.LOCAL_PARTITIONS));
        }
    }

    @Test
    default void eventsAreKeptForeverExceptCompactedTopics(@Autowired EmbeddedKafkaBroker broker) throws Exception {
        List<String> names = publishedTopicsWithDeadLetterTwins();
        try (AdminClient admin = admin(broker)) {
            Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList())
                    .all().get(30, TimeUnit.SECONDS);
            assertThat(configs).hasSameSizeAs(names);
            configs.forEach((resource, config) -> {
                String cleanup = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
                // only compacted topics themselves (e.g. the org topic) are compacted; dead letters are all kept
                if (Topics.isCompacted(resource.name())) {
                    assertThat(cleanup).as(resource.name()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
                } else {
                    assertThat(cleanup).as(resource.name()).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
                    assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).as(resource.name()).isEqualTo("-1");
                }
            });
        }
    }

    private List<String> publishedTopicsWithDeadLetterTwins() {
        assertThat(publishedTopics()).as("published topics").isNotEmpty();
        List<String> names = new ArrayList<>();
        publishedTopics().forEach(topic -> {
            names.add(topic);
            names.add(Topics.deadLetterOf(topic));
        });
        return names;
    }

    private static AdminClient admin(EmbeddedKafkaBroker broker) {
        return AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
    }
}
