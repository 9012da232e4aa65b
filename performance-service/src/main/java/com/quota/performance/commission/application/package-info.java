/** Commission use cases: plans, assignments, statement drafts, approval and issue, the estimator. */
package com.quota.performance.commission.application;
