/**
 * Attainment: the credit ledger (one line per source event × rep × metric), roll-up to every ancestor unit by
 * membership on the credit date, and the figures (actual, target per level, attainment, pace, run-rate) as of a date.
 * Plain Java: no Spring, R2DBC or Jackson here.
 */
package com.quota.targets.attainment;
