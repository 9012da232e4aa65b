/** The weighted forecast: probabilities (stage or conversion chain), placing undated deals, cumulative categories. */
package com.quota.pipeline.forecast;
