/** Wiring of pipeline-service: its OpenAPI description. */
package com.quota.pipeline.config;
