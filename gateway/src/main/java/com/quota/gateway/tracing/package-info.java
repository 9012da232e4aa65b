/** Request ids, W3C trace context and the access log. */
package com.quota.gateway.tracing;
