package com.quota.contract.execution;

import com.quota.money.Money;

import java.time.LocalDate;
import java.util.UUID;

/** One expected payment of a contract's payment plan. */
public record Instalment(UUID id, LocalDate dueDate, Money amount) {
}
