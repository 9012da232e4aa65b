/** performance-service: KPI scorecards, soft ratings, commission plans and statements, and leaderboards. */
package com.quota.performance;
