/** Which path goes to which service, with circuit breakers, GET-only retries and 503 fallbacks. */
package com.quota.gateway.routing;
