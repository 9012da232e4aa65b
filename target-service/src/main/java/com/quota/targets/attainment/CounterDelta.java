package com.quota.targets.attainment;

import java.math.BigDecimal;
import java.util.Currency;

/** The change of one counter; {@code currency} is null for a count. */
public record CounterDelta(CounterKey key, BigDecimal amount, Currency currency) {
}
