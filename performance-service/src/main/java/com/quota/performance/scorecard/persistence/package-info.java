/** R2DBC adapters of scorecard templates, soft ratings and finalized scorecards. */
package com.quota.performance.scorecard.persistence;
