package com.quota.target;

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

/** The app creates the topics it publishes, each with a dead-letter twin of the same partition count. */
class KafkaTopicsIT extends AbstractTargetServiceIT {

    private static final List<String> PUBLISHED = List.of(Topics.TARGETS_ORG, Topics.TARGETS_TARGET, Topics.TARGETS_ATTAINMENT);

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void publishedTopicsAndTheirDeadLetterTwinsExistWithSixPartitions() throws Exception {
        List<String> names = withDeadLetterTwins();
        try (AdminClient admin = admin()) {
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics).containsOnlyKeys(names);
            topics.values().forEach(topic -> assertThat(topic.partitions())
                    .as(topic.name()).hasSize(Topics.LOCAL_PARTITIONS));
        }
    }

    @Test
    void eventsAreKeptForeverExceptCompactedTopics() throws Exception {
        List<String> names = withDeadLetterTwins();
        try (AdminClient admin = admin()) {
            Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList())
                    .all().get(30, TimeUnit.SECONDS);
            configs.forEach((resource, config) -> {
                String cleanup = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
                // only the org topic itself is compacted; dead letters are all kept
                if (Topics.isCompacted(resource.name())) {
                    assertThat(cleanup).as(resource.name()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
                } else {
                    assertThat(cleanup).as(resource.name()).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
                    assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).as(resource.name()).isEqualTo("-1");
                }
            });
        }
    }

    private static List<String> withDeadLetterTwins() {
        List<String> names = new ArrayList<>();
        PUBLISHED.forEach(topic -> {
            names.add(topic);
            names.add(Topics.deadLetterOf(topic));
        });
        return names;
    }

    private AdminClient admin() {
        return AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
    }
}
