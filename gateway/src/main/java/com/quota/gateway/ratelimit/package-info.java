/** In-memory per-caller rate limits (Bucket4j): by token subject, or by client address when anonymous. */
package com.quota.gateway.ratelimit;
