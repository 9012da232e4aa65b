/** Domain results mapped to the contract payloads of performance.commission.v1 and performance.scorecard.v1. */
package com.quota.performance.integration.outbound;
