package com.quota.messaging.relay;

import java.util.Map;
import java.util.UUID;

/** A pending outbox row as the relay reads it. */
record OutboxRow(UUID id, long position, String topic, String key, String payload, Map<String, String> headers,
                 int attempts) {
}
