/** Wiring of contract-service: settings, clock, transactions and its OpenAPI description. */
package com.quota.contract.config;
