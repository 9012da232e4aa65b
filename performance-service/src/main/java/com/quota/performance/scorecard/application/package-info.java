/** Scorecard use cases: templates, soft ratings, live scorecards, finalizing, leaderboards and the team summary. */
package com.quota.performance.scorecard.application;
