package com.quota.contract.lifecycle;

import com.quota.money.Money;

import java.time.LocalDate;

/** A change to a signed contract's value, terms or dates, with its reason and the date it takes effect. */
public record Amendment(Money value, String terms, LocalDate startDate, LocalDate endDate, String reason, LocalDate effectiveDate) {
}
