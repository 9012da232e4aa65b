package com.quota.messaging.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A tiny service on the messaging backbone: deals are recorded with an event, and a projection consumes them. */
@SpringBootApplication
public class TestMessagingApplication {

    public static final String TOPIC = "test.deal.v1";
    public static final String DEAL_RECORDED = "DealRecorded";
    public static final String CONSUMER = "deal-projection";
    public static final String BATCH_TOPIC = "test.deal-batch.v1";
    public static final String BATCH_CONSUMER = "deal-batch-projection";
}
