package com.quota.pipeline.account.application;

import com.quota.pipeline.account.AccountMove;

import java.time.Instant;
import java.util.UUID;

/** One move of an account. */
public record AccountHistoryEntry(AccountMove action, UUID fromRepId, UUID toRepId, String reason, String actor, Instant at) {
}
