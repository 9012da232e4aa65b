/** Listeners of targets.attainment.v1 and contracts.contract.v1 feeding the service's own read model through the inbox. */
package com.quota.performance.integration.inbound;
