package com.quota.messaging.topics;

import com.quota.eventcontracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How event topics are created: each with its {@code <topic>-dlt} twin of the same partition count, kept forever
 * (retention -1) so a rebuild can replay from offset 0; listed topics (the org topic) compacted.
 */
public final class EventTopics {

    private final int partitions;
    private final Optional<Short> replicas;
    private final Set<String> compacted;

    /**
     * @param replicas replication factor, or -1 for the broker's default
     */
    public EventTopics(int partitions, short replicas, Collection<String> compacted) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1");
        }
        this.partitions = partitions;
        this.replicas = replicas > 0 ? Optional.of(replicas) : Optional.empty();
        this.compacted = Set.copyOf(compacted);
    }

    /** Defaults: {@link Topics#LOCAL_PARTITIONS} partitions, the broker's replication, the catalogue's compacted topics. */
    public static EventTopics defaults() {
        return new EventTopics(Topics.LOCAL_PARTITIONS, (short) -1, Topics.COMPACTED);
    }

    /** Each topic followed by its dead-letter topic (duplicates and names already ending in -dlt handled once). */
    public List<NewTopic> withDeadLetters(Collection<String> topics) {
        List<NewTopic> result = new ArrayList<>();
        for (String topic : topics.stream().distinct().toList()) {
            if (topic.endsWith(Topics.DEAD_LETTER_SUFFIX)) {
                result.add(topic(topic, false));
                continue;
            }
            result.add(topic(topic, compacted.contains(topic)));
            // never compacted: a poison record may have no key, and every one of them is kept for inspection
            result.add(topic(Topics.deadLetterOf(topic), false));
        }
        return result;
    }

    private NewTopic topic(String name, boolean compact) {
        NewTopic topic = new NewTopic(name, Optional.of(partitions), replicas);
        return topic.configs(Map.of(
                TopicConfig.RETENTION_MS_CONFIG, "-1",
                TopicConfig.CLEANUP_POLICY_CONFIG, compact ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE));
    }
}
