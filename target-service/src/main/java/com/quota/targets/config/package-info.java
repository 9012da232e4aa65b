/** Wiring of target-service: its OpenAPI description. */
package com.quota.targets.config;
