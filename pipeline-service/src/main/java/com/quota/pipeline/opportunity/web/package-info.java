/** The opportunities API: {@code /api/opportunities}. */
package com.quota.pipeline.opportunity.web;
