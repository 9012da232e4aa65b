package com.quota.pipeline.opportunity;

import java.math.BigDecimal;
import java.util.UUID;

/** One owner of a deal and their split of its credit in percent. */
public record OwnerShare(UUID repId, BigDecimal splitPercent, boolean primary) {
}
