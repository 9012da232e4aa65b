package com.quota.targets;

import com.quota.eventcontracts.Topics;
import com.quota.testsupport.service.ServiceKafkaTopicsContract;

import java.util.List;

/** The app creates the topics it publishes, each with a dead-letter twin of the same partition count. */
class KafkaTopicsIT extends AbstractTargetServiceIT implements ServiceKafkaTopicsContract {

    @Override
    public List<String> publishedTopics() {
        return List.of(Topics.TARGETS_ORG, Topics.TARGETS_TARGET, Topics.TARGETS_ATTAINMENT);
    }
}
