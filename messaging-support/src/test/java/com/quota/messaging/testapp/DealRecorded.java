package com.quota.messaging.testapp;

import java.util.UUID;

/**
 * The event payload as the producer writes it. {@code behaviour} lets a test ask the consumer to fail.
 *
 * @param amount decimal string, never a float
 */
public record DealRecorded(UUID dealId, String accountId, int seq, String amount, String behaviour) {

    /** Makes the projection throw a retryable error every time. */
    public static final String FAIL_IN_CONSUMER = "fail-in-consumer";

    /** Makes the projection reject the event as invalid (poison) until the test declares the consumer fixed. */
    public static final String INVALID_UNTIL_FIXED = "invalid-until-fixed";
}
