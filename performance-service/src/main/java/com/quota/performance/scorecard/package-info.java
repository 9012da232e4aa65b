/** Scorecards: templates per role (weighted KPIs, grade bands), live and finalized scorecards, team ranks. */
package com.quota.performance.scorecard;
