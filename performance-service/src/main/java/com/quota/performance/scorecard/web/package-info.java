/** The scorecard API under /api/scorecards: templates, soft ratings, scorecards, finalizing, leaderboards, team summary. */
package com.quota.performance.scorecard.web;
