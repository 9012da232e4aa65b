/** {@code Idempotency-Key} on creates: stored with the create, replayed byte for byte, purged by age. */
package com.quota.api.idempotency;
