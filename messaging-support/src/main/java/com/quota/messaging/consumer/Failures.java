package com.quota.messaging.consumer;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import tools.jackson.core.JacksonException;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a poison event from a passing trouble. Poison (never retried, dead-lettered at once): an
 * {@link InvalidEventException} or a JSON error anywhere in the cause chain. Transient (retried for as long as it
 * takes, never dead-lettered): the database unreachable, restarting or shutting down, a deadlock, a serialization
 * failure, a lock or statement timeout, a pool or handler timeout, a lost connection.
 */
public final class Failures {

    private Failures() {
    }

    /** An event that can never be applied as it is. */
    public static boolean isPoison(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidEventException || t instanceof JacksonException) {
                return true;
            }
        }
        return false;
    }

    /** A failure that says nothing about the event: trying again later will do. */
    public static boolean isTransient(Throwable error) {
        if (isPoison(error)) {
            return false;
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof TransactionSystemException
                    || t instanceof R2dbcTransientException || t instanceof R2dbcNonTransientResourceException
                    || t instanceof TimeoutException || t instanceof IOException) {
                return true;
            }
            if (t instanceof R2dbcException r2dbc && transientSqlState(r2dbc.getSqlState())) {
                return true;
            }
            if (t instanceof org.springframework.dao.DataAccessException dae
                    && dae.getMostSpecificCause() instanceof R2dbcException r && transientSqlState(r.getSqlState())) {
                return true;
            }
            String name = t.getClass().getName();
            String message = String.valueOf(t.getMessage());
            // reactor-pool's acquire timeout, Reactor's block(timeout), netty's connection errors
            if (name.contains("Timeout") || name.startsWith("io.netty.channel") || name.contains("ConnectionClosed")
                    || message.startsWith("Timeout on blocking read") || message.contains("Connection closed")
                    || message.contains("Connection refused")) {
                return true;
            }
        }
        return false;
    }

    /** 08: connection, 40: rollback (serialization, deadlock), 53: resources, 57: shutdown/crash/cancel, 55P03: lock. */
    static boolean transientSqlState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("40") || sqlState.startsWith("53")
                || sqlState.startsWith("57") || sqlState.equals("55P03") || sqlState.equals("55006"));
    }
}
