package com.quota.targets.attainment;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.UUID;

/**
 * What the ledger still credits one rep for one metric from one opportunity or contract (Σ of its lines), per
 * dimensions: a reversal negates exactly this, so counters per dimension return to zero too.
 */
public record NetCredit(UUID repId, Metric metric, Dimensions dimensions, BigDecimal amount, Currency currency) {
}
