/** Attainment over HTTP: {@code /api/attainment/**} figures, team views, monthly series and drill-down. */
package com.quota.targets.attainment.web;
