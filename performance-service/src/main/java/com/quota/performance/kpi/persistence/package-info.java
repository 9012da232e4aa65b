/** R2DBC adapter of KPI definitions. */
package com.quota.performance.kpi.persistence;
