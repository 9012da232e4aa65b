/** HTTP face of the planning data: historical actuals (JSON and CSV) and seasonal profiles. */
package com.quota.targets.planning.web;
