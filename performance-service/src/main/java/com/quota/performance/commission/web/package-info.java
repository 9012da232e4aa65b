/** The commission API under /api/commissions. */
package com.quota.performance.commission.web;
