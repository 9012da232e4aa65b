package com.quota.calendar;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fiscal period by name: {@code FY2027}, {@code FY2027-Q1}, {@code FY2027-M03} (fiscal month 3) or
 * {@code FY2027-W05} (fiscal week 5). Which dates it covers depends on the company's {@link FiscalCalendar}.
 * The number is 0 for a year, 1–4 for a quarter, 1–12 for a month and 1–54 for a week.
 */
public record PeriodKey(int fiscalYear, PeriodType type, int number) {

    /** The most weeks a fiscal year can have: a partial first week, 52 full weeks and a partial last week. */
    public static final int MAX_WEEKS = 54;

    private static final Pattern CANONICAL = Pattern.compile("FY(\\d{4})(?:-(?:Q(\\d)|M(\\d{2})|W(\\d{2})))?");

    public PeriodKey {
        Objects.requireNonNull(type, "type");
        if (fiscalYear < 1 || fiscalYear > 9999) {
            throw new IllegalArgumentException("fiscal year must be 1..9999, not " + fiscalYear);
        }
        int max = switch (type) {
            case YEAR -> 0;
            case QUARTER -> 4;
            case MONTH -> 12;
            case WEEK -> MAX_WEEKS;
        };
        int min = type == PeriodType.YEAR ? 0 : 1;
        if (number < min || number > max) {
            throw new IllegalArgumentException(type == PeriodType.YEAR
                    ? "a year key has number 0, not " + number
                    : type.name().toLowerCase() + " must be " + min + ".." + max + ", not " + number);
        }
    }

    public static PeriodKey year(int fiscalYear) {
        return new PeriodKey(fiscalYear, PeriodType.YEAR, 0);
    }

    public static PeriodKey quarter(int fiscalYear, int quarter) {
        return new PeriodKey(fiscalYear, PeriodType.QUARTER, quarter);
    }

    public static PeriodKey month(int fiscalYear, int fiscalMonth) {
        return new PeriodKey(fiscalYear, PeriodType.MONTH, fiscalMonth);
    }

    public static PeriodKey week(int fiscalYear, int fiscalWeek) {
        return new PeriodKey(fiscalYear, PeriodType.WEEK, fiscalWeek);
    }

    /**
     * Reads the canonical form only ({@code FY2027}, {@code FY2027-Q1}, {@code FY2027-M03}, {@code FY2027-W05}:
     * upper case, four-digit year, two-digit month and week).
     *
     * @throws IllegalArgumentException naming the text and the accepted forms for anything else
     */
    public static PeriodKey parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing period key (expected e.g. FY2027, FY2027-Q1, FY2027-M03 or FY2027-W05)");
        }
        Matcher m = CANONICAL.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a period key: '" + text
                    + "' (expected FY2027, FY2027-Q1, FY2027-M03 or FY2027-W05)");
        }
        int fiscalYear = Integer.parseInt(m.group(1));
        try {
            if (m.group(2) != null) {
                return quarter(fiscalYear, Integer.parseInt(m.group(2)));
            }
            if (m.group(3) != null) {
                return month(fiscalYear, Integer.parseInt(m.group(3)));
            }
            if (m.group(4) != null) {
                return week(fiscalYear, Integer.parseInt(m.group(4)));
            }
            return year(fiscalYear);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a period key: '" + text + "': " + e.getMessage(), e);
        }
    }

    /** The canonical key, e.g. {@code FY2027-M03}; {@link #parse} reads it back. */
    @Override
    public String toString() {
        String year = String.format("FY%04d", fiscalYear);
        return switch (type) {
            case YEAR -> year;
            case QUARTER -> year + "-Q" + number;
            case MONTH -> year + String.format("-M%02d", number);
            case WEEK -> year + String.format("-W%02d", number);
        };
    }
}
