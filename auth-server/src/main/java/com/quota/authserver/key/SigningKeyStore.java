package com.quota.authserver.key;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RSA 2048 signing keys in PostgreSQL. There is always exactly one ACTIVE key (created on first start);
 * rotation makes a new key ACTIVE and leaves the old one PUBLISHED, so tokens it signed keep verifying
 * until an admin retires it. Changes run under a PostgreSQL advisory lock so several instances agree.
 */
public class SigningKeyStore {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyStore.class);
    private static final String ALGORITHM = JWSAlgorithm.RS256.getName();

    private final JdbcOperations jdbc;
    private final TransactionTemplate tx;
    // parsed keys by kid; key material never changes for a kid, so this cache cannot go stale
    private final Map<String, RSAKey> parsed = new ConcurrentHashMap<>();

    public SigningKeyStore(JdbcOperations jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Creates the first key if there is none; safe to call from every instance on start. */
    public String ensureActiveKey() {
        return tx.execute(status -> {
            lock();
            return activeKid().orElseGet(this::insertActiveKey);
        });
    }

    /** Makes a new key ACTIVE; the previous ACTIVE key stays published. Returns the new kid. */
    public String rotate() {
        String kid = tx.execute(status -> {
            lock();
            jdbc.update("UPDATE signing_key SET status = 'PUBLISHED' WHERE status = 'ACTIVE'");
            return insertActiveKey();
        });
        log.info("Rotated signing keys; new active kid {}", kid);
        return kid;
    }

    /** Removes a non-active key from the JWKS; tokens it signed stop verifying. */
    public SigningKeyInfo retire(String kid) {
        SigningKeyInfo retired = tx.execute(status -> {
            lock();
            SigningKeyInfo key = find(kid).orElseThrow(() -> new UnknownKeyException(kid));
            if (key.status() == KeyStatus.ACTIVE) {
                throw new ActiveKeyException(kid);
            }
            if (key.status() == KeyStatus.PUBLISHED) {
                jdbc.update("UPDATE signing_key SET status = 'RETIRED', retired_at = ? WHERE kid = ?",
                        Timestamp.from(Instant.now()), kid);
            }
            return find(kid).orElseThrow();
        });
        log.info("Retired signing key {}", kid);
        return retired;
    }

    public List<SigningKeyInfo> list() {
        return jdbc.query("SELECT kid, algorithm, status, created_at, retired_at FROM signing_key ORDER BY created_at DESC, kid",
                (rs, i) -> info(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4), rs.getTimestamp(5)));
    }

    public Optional<SigningKeyInfo> find(String kid) {
        return jdbc.query("SELECT kid, algorithm, status, created_at, retired_at FROM signing_key WHERE kid = ?",
                (rs, i) -> info(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4), rs.getTimestamp(5)), kid)
                .stream().findFirst();
    }

    /** Every key that is not retired, the ACTIVE one first (the encoder signs with the first). */
    public List<RSAKey> publishedKeys() {
        List<String> kids = jdbc.queryForList(
                "SELECT kid FROM signing_key WHERE status <> 'RETIRED' ORDER BY status = 'ACTIVE' DESC, created_at DESC, kid",
                String.class);
        if (kids.isEmpty()) {
            ensureActiveKey();
            return publishedKeys();
        }
        List<RSAKey> keys = new ArrayList<>(kids.size());
        for (String kid : kids) {
            keys.add(parsed.computeIfAbsent(kid, this::load));
        }
        return keys;
    }

    private Optional<String> activeKid() {
        return jdbc.queryForList("SELECT kid FROM signing_key WHERE status = 'ACTIVE'", String.class).stream().findFirst();
    }

    private String insertActiveKey() {
        KeyPair pair = generate();
        String kid = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO signing_key (kid, algorithm, public_key, private_key, status, created_at) VALUES (?, ?, ?, ?, 'ACTIVE', ?)",
                kid, ALGORITHM, pair.getPublic().getEncoded(), pair.getPrivate().getEncoded(), Timestamp.from(Instant.now()));
        log.info("Created signing key {}", kid);
        return kid;
    }

    private RSAKey load(String kid) {
        return jdbc.queryForObject("SELECT public_key, private_key FROM signing_key WHERE kid = ?", (rs, i) -> {
            try {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(rs.getBytes(1)));
                RSAPrivateKey privateKey = (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(rs.getBytes(2)));
                return new RSAKey.Builder(publicKey)
                        .privateKey(privateKey)
                        .keyID(kid)
                        .keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256)
                        .build();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("stored signing key " + kid + " cannot be read", e);
            }
        }, kid);
    }

    private void lock() {
        jdbc.execute("SELECT pg_advisory_xact_lock(hashtext('signing_key'))");
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    private static SigningKeyInfo info(String kid, String algorithm, String status, Timestamp createdAt, Timestamp retiredAt) {
        return new SigningKeyInfo(kid, algorithm, KeyStatus.valueOf(status), createdAt.toInstant(),
                retiredAt == null ? null : retiredAt.toInstant());
    }

    /** No key has this kid. */
    public static final class UnknownKeyException extends RuntimeException {
        public UnknownKeyException(String kid) {
            super("no signing key " + kid);
        }
    }

    /** The active key cannot be retired: rotate first. */
    public static final class ActiveKeyException extends RuntimeException {
        public ActiveKeyException(String kid) {
            super("signing key " + kid + " is active; rotate before retiring it");
        }
    }
}
