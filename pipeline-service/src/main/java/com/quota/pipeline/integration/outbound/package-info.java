/** Domain changes of opportunities → the v1 contract payloads of pipeline.opportunity.v1 → the outbox. */
package com.quota.pipeline.integration.outbound;
