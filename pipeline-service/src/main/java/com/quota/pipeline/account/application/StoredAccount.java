package com.quota.pipeline.account.application;

import java.time.Instant;
import java.util.UUID;

/** An account as stored; {@code ownerRepId} null means it sits in the customer pool. */
public record StoredAccount(UUID id, String name, UUID ownerRepId, String region, String segment, String industry,
                            String externalRef, Instant lastFollowUpAt, long version) {
}
