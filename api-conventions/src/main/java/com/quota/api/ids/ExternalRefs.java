package com.quota.api.ids;

import com.quota.api.problem.ApiProblem;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import reactor.core.publisher.Mono;

import java.sql.SQLException;

/**
 * Optional unique {@code externalRef} of records that integrations sync: the service declares the unique column;
 * this turns the database's unique violation into a 409 {@code duplicate} instead of a 500.
 */
public final class ExternalRefs {

    /** PostgreSQL's SQLState for a unique violation. */
    public static final String UNIQUE_VIOLATION = "23505";

    private ExternalRefs() {
    }

    /** Whether the error (or one of its causes) is a unique violation. */
    public static boolean isUniqueViolation(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DuplicateKeyException) {
                return true;
            }
            if (t instanceof R2dbcDataIntegrityViolationException r2dbc && UNIQUE_VIOLATION.equals(r2dbc.getSqlState())) {
                return true;
            }
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The write, with a unique violation answered as 409 {@code duplicate} (e.g. "An opportunity with this
     * externalRef exists already."); any other error passes through.
     */
    public static <T> Mono<T> conflictOnDuplicate(Mono<T> write, String detail) {
        return write.onErrorMap(ExternalRefs::isUniqueViolation, e -> ApiProblem.duplicate(detail));
    }
}
