/** Wiring of contract-service: its OpenAPI description. */
package com.quota.contract.config;
