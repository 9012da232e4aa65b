/** Request ids and the access log; trace context is Micrometer Tracing (W3C traceparent). */
package com.quota.gateway.tracing;
