/** Attainment events out: AttainmentChanged payloads written to the outbox with name-based ids. */
package com.quota.targets.attainment.integration.outbound;
