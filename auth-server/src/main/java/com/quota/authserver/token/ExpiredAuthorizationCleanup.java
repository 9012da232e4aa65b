package com.quota.authserver.token;

import com.quota.authserver.config.AuthServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.scheduling.annotation.Scheduled;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

/**
 * Spring Authorization Server stores one authorization row per issued token (with the token in it) and
 * never deletes them; this removes rows whose every token expired more than the retention ago, so the
 * table does not grow with every client-credentials call.
 */
public class ExpiredAuthorizationCleanup {

    private static final Logger log = LoggerFactory.getLogger(ExpiredAuthorizationCleanup.class);

    private final JdbcOperations jdbc;
    private final AuthServerProperties props;
    private final Clock clock;

    public ExpiredAuthorizationCleanup(JdbcOperations jdbc, AuthServerProperties props, Clock clock) {
        this.jdbc = jdbc;
        this.props = props;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${quota.auth.authorization-cleanup-interval:PT1H}",
            fixedDelayString = "${quota.auth.authorization-cleanup-interval:PT1H}")
    public int removeExpired() {
        Instant cutoff = clock.instant().minus(props.authorizationRetention());
        // GREATEST ignores NULLs in PostgreSQL; a row without any expiry is kept
        int removed = jdbc.update("""
                DELETE FROM oauth2_authorization
                 WHERE GREATEST(authorization_code_expires_at, access_token_expires_at, oidc_id_token_expires_at,
                                refresh_token_expires_at, user_code_expires_at, device_code_expires_at) < ?
                """, Timestamp.from(cutoff));
        if (removed > 0) {
            log.info("Removed {} authorizations whose tokens expired before {}", removed, cutoff);
        }
        return removed;
    }
}
