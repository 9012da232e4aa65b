/** The company: time zone, fiscal-year start, reporting currency, its clock, {@code asOf} and period keys. */
package com.quota.api.company;
