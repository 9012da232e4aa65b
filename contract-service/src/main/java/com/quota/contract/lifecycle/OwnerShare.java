package com.quota.contract.lifecycle;

import java.math.BigDecimal;
import java.util.UUID;

/** One owner of a contract and their split of its credit (percent, at most 2 decimals). */
public record OwnerShare(UUID repId, BigDecimal splitPercent, boolean primary) {
}
