/** Opportunities: the lifecycle of a deal, its owners with splits, stage and ownership history. */
package com.quota.pipeline.opportunity;
