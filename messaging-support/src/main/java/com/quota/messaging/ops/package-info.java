/** The operator's endpoint: dead-lettered and parked events, parked outbox rows, redrive and discard. */
package com.quota.messaging.ops;
