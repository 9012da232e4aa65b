/** Writing events to the outbox in the business transaction: messages, ids, envelope headers. */
package com.quota.messaging.outbox;
