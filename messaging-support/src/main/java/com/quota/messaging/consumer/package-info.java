/** Event listeners that dispatch on the eventType header, with retries and dead-letter topics. */
package com.quota.messaging.consumer;
