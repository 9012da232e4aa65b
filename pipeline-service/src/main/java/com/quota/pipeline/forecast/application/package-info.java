/** Forecast and funnel queries over the stored opportunities and their stage history, as of a date. */
package com.quota.pipeline.forecast.application;
