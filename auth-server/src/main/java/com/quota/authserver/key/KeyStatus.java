package com.quota.authserver.key;

/** Life of a signing key: ACTIVE signs, PUBLISHED only verifies (still in the JWKS), RETIRED is gone. */
public enum KeyStatus {
    ACTIVE, PUBLISHED, RETIRED
}
