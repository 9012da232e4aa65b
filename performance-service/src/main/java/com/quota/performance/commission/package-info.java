/** Commission: plans (STEP, WHOLE, INTERPOLATED), the payout function, the per-rep ledger, statements and clawback. */
package com.quota.performance.commission;
