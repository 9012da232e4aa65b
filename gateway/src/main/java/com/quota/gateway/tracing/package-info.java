/** Request ids, the access log and the request's trace id in the gateway's log lines; tracing is Micrometer's (W3C traceparent). */
package com.quota.gateway.tracing;
