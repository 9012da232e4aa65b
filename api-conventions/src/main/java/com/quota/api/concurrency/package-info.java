/** Optimistic locking over HTTP: {@code version}, {@code ETag} and {@code If-Match} in one helper. */
package com.quota.api.concurrency;
