-- RSA signing keys. ACTIVE signs new tokens (exactly one); PUBLISHED is still in the JWKS so tokens it
-- signed keep verifying; RETIRED is gone from the JWKS. Key material is stored unencrypted (demo IdP).
CREATE TABLE signing_key (
    kid          varchar(100) NOT NULL,
    algorithm    varchar(20)  NOT NULL,
    public_key   bytea        NOT NULL, -- X.509 SubjectPublicKeyInfo (DER)
    private_key  bytea        NOT NULL, -- PKCS#8 (DER)
    status       varchar(20)  NOT NULL CHECK (status IN ('ACTIVE', 'PUBLISHED', 'RETIRED')),
    created_at   timestamptz  NOT NULL,
    retired_at   timestamptz,
    PRIMARY KEY (kid)
);
CREATE UNIQUE INDEX signing_key_one_active ON signing_key (status) WHERE status = 'ACTIVE';

-- Enabled/disabled per client, apart from oauth2_registered_client so that re-applying the client
-- definitions from configuration on start never re-enables a client an admin disabled. No row = enabled.
CREATE TABLE client_status (
    client_id  varchar(100) NOT NULL,
    enabled    boolean      NOT NULL,
    changed_at timestamptz  NOT NULL,
    changed_by varchar(200) NOT NULL,
    PRIMARY KEY (client_id)
);
