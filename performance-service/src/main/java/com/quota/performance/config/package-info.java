/** Wiring of performance-service: its OpenAPI description. */
package com.quota.performance.config;
