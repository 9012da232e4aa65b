package com.quota.targets.web;

import com.quota.targets.AbstractTargetServiceIT;
import com.quota.testsupport.service.ServiceTracePropagationContract;
import org.springframework.beans.factory.annotation.Autowired;

/** The W3C trace of a request travels on: into the request's span and on to the Kafka record of an event it wrote. */
class TracePropagationIT extends AbstractTargetServiceIT implements ServiceTracePropagationContract {

    @Autowired
    OutboxProbeController probe;

    @Override
    public String probeTopic() {
        return probe.topic();
    }
}
