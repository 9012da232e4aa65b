/** Fiscal years, quarters, months and weeks for any start month: period keys, their date ranges, elapsed fractions. */
package com.quota.calendar;
