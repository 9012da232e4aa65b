/** The library's own tables ({@code idempotency_key}, {@code audit_entry}), migrated with their own Flyway history. */
package com.quota.api.schema;
