/** Opportunity use cases, their PostgreSQL store and the events they publish. */
package com.quota.pipeline.opportunity.application;
