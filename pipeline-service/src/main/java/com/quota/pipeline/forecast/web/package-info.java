/** The forecast and funnel API: {@code /api/forecast}. */
package com.quota.pipeline.forecast.web;
