/** Migrations of the outbox and inbox tables, with their own Flyway history. */
package com.quota.messaging.schema;
