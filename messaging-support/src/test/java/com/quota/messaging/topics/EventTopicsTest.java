package com.quota.messaging.topics;

import com.quota.eventcontracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class EventTopicsTest {

    @Test
    void everyTopicGetsADeadLetterTwinWithTheSamePartitionsKeptForever() {
        List<NewTopic> topics = EventTopics.defaults().withDeadLetters(List.of(Topics.PIPELINE_OPPORTUNITY));

        assertThat(topics).extracting(NewTopic::name).containsExactly("pipeline.opportunity.v1", "pipeline.opportunity.v1-dlt");
        assertThat(topics).allSatisfy(topic -> {
            assertThat(topic.numPartitions()).isEqualTo(6);
            assertThat(topic.configs()).containsEntry("retention.ms", "-1").containsEntry("cleanup.policy", "delete");
        });
    }

    @Test
    void theOrgTopicIsCompactedButItsDeadLetterTopicIsNot() {
        Map<String, NewTopic> byName = EventTopics.defaults().withDeadLetters(List.of(Topics.TARGETS_ORG, Topics.TARGETS_ORG))
                .stream().collect(Collectors.toMap(NewTopic::name, t -> t));

        assertThat(byName).hasSize(2);
        assertThat(byName.get("targets.org.v1").configs()).containsEntry("cleanup.policy", "compact");
        assertThat(byName.get("targets.org.v1-dlt").configs()).containsEntry("cleanup.policy", "delete");
    }
}
