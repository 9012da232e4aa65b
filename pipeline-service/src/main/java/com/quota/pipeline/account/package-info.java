/** Accounts and the customer pool: owner, region, segment, industry, CRM reference, and every move kept. */
package com.quota.pipeline.account;
