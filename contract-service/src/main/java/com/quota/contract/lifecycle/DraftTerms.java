package com.quota.contract.lifecycle;

import com.quota.money.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What a new draft contract starts from: its opportunity's data (owners with splits, currency and fixed rate) or,
 * standalone, what the caller gives (reporting currency, rate 1).
 *
 * @param opportunityId null for a standalone contract
 * @param fxRate        reporting units per unit of the value's currency
 */
public record DraftTerms(UUID opportunityId, UUID accountId, String title, List<OwnerShare> owners, Dimensions dimensions,
                         Money value, BigDecimal fxRate, java.util.Currency reportingCurrency, String terms,
                         LocalDate startDate, LocalDate endDate, String externalRef) {
}
