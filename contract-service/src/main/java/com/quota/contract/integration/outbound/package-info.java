/** Contract domain events → event-contracts payloads → the outbox. */
package com.quota.contract.integration.outbound;
