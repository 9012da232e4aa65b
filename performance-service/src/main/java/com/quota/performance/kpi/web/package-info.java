/** HTTP face of the KPI catalogue. */
package com.quota.performance.kpi.web;
