package com.quota.localstack.infra;

import com.quota.eventcontracts.Topics;
import com.quota.localstack.StackException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the event topics and their dead-letter twins when absent: {@link Topics#LOCAL_PARTITIONS} partitions,
 * kept forever (retention.ms=-1), the org topic compacted, each {@code <topic>-dlt} with its topic's partition count.
 */
public final class TopicProvisioner {

    private static final int TIMEOUT_SECONDS = 30;

    private TopicProvisioner() {
    }

    /** Every topic the stack needs: each event topic of {@link Topics#ALL}, then its dead-letter topic. */
    public static List<NewTopic> requiredTopics() {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            String cleanup = Topics.isCompacted(topic) ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE;
            topics.add(new NewTopic(topic, Topics.LOCAL_PARTITIONS, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanup, TopicConfig.RETENTION_MS_CONFIG, "-1")));
            // dead letters are kept (never compacted away) until someone has looked at them
            topics.add(new NewTopic(Topics.deadLetterOf(topic), Topics.LOCAL_PARTITIONS, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                            TopicConfig.RETENTION_MS_CONFIG, "-1")));
        }
        return topics;
    }

    /** Creates the required topics that the broker does not have yet; returns the names it created. */
    public static List<String> createMissing(String bootstrapServers) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = requiredTopics().stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new StackException("cannot create Kafka topics on " + bootstrapServers + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while creating Kafka topics", e);
        }
    }
}
