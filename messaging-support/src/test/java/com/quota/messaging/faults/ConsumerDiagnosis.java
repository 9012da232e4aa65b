package com.quota.messaging.faults;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Why a consumer is not applying events: what its containers, its group and the broker say right now. */
final class ConsumerDiagnosis {

    private ConsumerDiagnosis() {
    }

    static String describe(String bootstrapServers, String group, Map<String, MessageListenerContainer> containers,
                           long unpublishedRows, long parkedRows) {
        StringBuilder out = new StringBuilder();
        out.append("outbox: ").append(unpublishedRows).append(" unpublished, ").append(parkedRows).append(" parked\n");
        containers.forEach((name, container) -> {
            Collection<TopicPartition> assigned = container.getAssignedPartitions();
            out.append("container ").append(name).append(": running=").append(container.isRunning())
                    .append(" pauseRequested=").append(container.isPauseRequested())
                    .append(" containerPaused=").append(container.isContainerPaused())
                    .append(" assigned=").append(assigned).append('\n');
            if (assigned != null) {
                for (TopicPartition partition : assigned) {
                    if (container.isPartitionPaused(partition) || container.isPartitionPauseRequested(partition)) {
                        out.append("  paused: ").append(partition).append('\n');
                    }
                }
            }
        });
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(java.util.List.of(group))
                    .describedGroups().get(group).get(10, TimeUnit.SECONDS);
            out.append("group ").append(group).append(": state=").append(description.groupState())
                    .append(" members=").append(description.members().size()).append('\n');
            description.members().forEach(member -> out.append("  member ").append(member.clientId()).append(' ')
                    .append(member.assignment().topicPartitions()).append('\n'));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            Map<String, String> rows = new TreeMap<>();
            committed.forEach((partition, offset) -> rows.put(partition.toString(), "committed="
                    + (offset == null ? "none" : offset.offset()) + " end=" + ends.get(partition).offset()));
            rows.forEach((partition, row) -> out.append("  ").append(partition).append(' ').append(row).append('\n'));
        } catch (Exception e) {
            out.append("group ").append(group).append(": could not be described: ").append(e).append('\n');
        }
        return out.toString();
    }
}
