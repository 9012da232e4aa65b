package com.quota.authserver.key;

import java.time.Instant;

/** What may be shown about a signing key: never its private part. */
public record SigningKeyInfo(String kid, String algorithm, KeyStatus status, Instant createdAt, Instant retiredAt) {
}
