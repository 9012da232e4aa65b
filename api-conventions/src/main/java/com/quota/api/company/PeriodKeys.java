package com.quota.api.company;

import com.quota.api.problem.ApiProblem;
import com.quota.calendar.PeriodKey;

/** Period keys from requests ({@code FY2027}, {@code FY2027-Q1}, {@code FY2027-M03}, {@code FY2027-W05}). */
public final class PeriodKeys {

    /** The usual parameter name. */
    public static final String PARAMETER = "period";

    private PeriodKeys() {
    }

    /**
     * The key in canonical form.
     *
     * @throws ApiProblem 400 {@code validation-failed} naming {@code period} for anything else (null included)
     */
    public static PeriodKey parse(String text) {
        return parse(text, PARAMETER);
    }

    /** As {@link #parse(String)}, naming {@code parameter} in the problem (e.g. "from" or a body field). */
    public static PeriodKey parse(String text, String parameter) {
        try {
            return PeriodKey.parse(text == null ? null : text.trim());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField(parameter, "must be a period key such as FY2027, FY2027-Q1, FY2027-M03 or FY2027-W05");
        }
    }
}
