package com.quota.httpproblems;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.net.ConnectException;
import java.util.Set;

/**
 * Recognises "the database cannot be reached" in any of the forms Spring's R2DBC support raises it while PostgreSQL is
 * stopped or restarting: a resource failure, a transaction that could not open its connection, or an R2DBC/socket
 * connection error wrapped in something else. Found anywhere in the cause chain, so a new wrapper does not turn an
 * outage into a 500 again (chaos finding F1).
 */
final class DatabaseUnavailable {

    // r2dbc-spi is not a dependency of this library: its resource exceptions are matched by name
    private static final Set<String> R2DBC_RESOURCE_FAILURES = Set.of(
            "io.r2dbc.spi.R2dbcNonTransientResourceException",
            "io.r2dbc.spi.R2dbcTransientResourceException");

    private DatabaseUnavailable() {
    }

    static boolean isOne(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof ConnectException || R2DBC_RESOURCE_FAILURES.contains(t.getClass().getName())) {
                return true;
            }
        }
        return false;
    }
}
