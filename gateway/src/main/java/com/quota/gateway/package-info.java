/** The front door: routes to the four services, checks tokens, limits rates, trips breakers. */
package com.quota.gateway;
