/** Events contract-service consumes, read into its own records: OpportunityWon drafts a contract. */
package com.quota.contract.integration.inbound;
