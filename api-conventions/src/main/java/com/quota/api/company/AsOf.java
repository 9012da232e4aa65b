package com.quota.api.company;

import com.quota.api.problem.ApiProblem;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** The optional {@code asOf} date of analytic queries: absent means today in the company time zone. */
public final class AsOf {

    /** The query parameter's name. */
    public static final String PARAMETER = "asOf";

    private AsOf() {
    }

    /**
     * The date a query is answered as of.
     *
     * @param asOfOrNull the parameter as sent ({@code 2026-03-31}); null or blank means today
     * @throws ApiProblem 400 {@code validation-failed} naming {@code asOf} when it is not an ISO date
     */
    public static LocalDate parse(String asOfOrNull, CompanyClock clock) {
        if (asOfOrNull == null || asOfOrNull.isBlank()) {
            return clock.today();
        }
        try {
            return LocalDate.parse(asOfOrNull.trim());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(PARAMETER, "must be a date as yyyy-MM-dd, e.g. 2026-03-31");
        }
    }
}
