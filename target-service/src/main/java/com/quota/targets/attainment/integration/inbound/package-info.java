/** Attainment's consumers of opportunity and contract events, with their own records of the payloads they read. */
package com.quota.targets.attainment.integration.inbound;
