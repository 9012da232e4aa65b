/** Publishing outbox rows to Kafka in order per key, with back-off, from any number of instances. */
package com.quota.messaging.relay;
