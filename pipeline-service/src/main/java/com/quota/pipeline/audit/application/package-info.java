/** The audit trail of opportunities and accounts (api-conventions), written in each change's transaction. */
package com.quota.pipeline.audit.application;
