/** The idempotent consumer: one effect per event and consumer. */
package com.quota.messaging.inbox;
