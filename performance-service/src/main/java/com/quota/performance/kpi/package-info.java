/** KPIs: the measures a scorecard can score, their direction and source. */
package com.quota.performance.kpi;
