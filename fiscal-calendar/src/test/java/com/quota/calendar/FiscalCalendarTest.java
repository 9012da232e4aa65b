package com.quota.calendar;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FiscalCalendarTest {

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    private static DateRange range(String first, String last) {
        return new DateRange(date(first), date(last));
    }

    @Nested
    class StartingInJanuary {

        private final FiscalCalendar calendar = new FiscalCalendar(Month.JANUARY);

        @Test
        void theFiscalYearIsTheCalendarYear() {
            assertThat(calendar.fiscalYearOf(date("2027-01-01"))).isEqualTo(2027);
            assertThat(calendar.fiscalYearOf(date("2027-12-31"))).isEqualTo(2027);
            assertThat(calendar.range(PeriodKey.parse("FY2027"))).isEqualTo(range("2027-01-01", "2027-12-31"));
        }

        @Test
        void quartersAndMonthsAreCalendarOnes() {
            assertThat(calendar.range(PeriodKey.parse("FY2027-Q1"))).isEqualTo(range("2027-01-01", "2027-03-31"));
            assertThat(calendar.range(PeriodKey.parse("FY2027-Q4"))).isEqualTo(range("2027-10-01", "2027-12-31"));
            assertThat(calendar.range(PeriodKey.parse("FY2027-M03"))).isEqualTo(range("2027-03-01", "2027-03-31"));
            assertThat(calendar.range(PeriodKey.parse("FY2027-M02"))).isEqualTo(range("2027-02-01", "2027-02-28"));
            assertThat(calendar.yearMonthOf(PeriodKey.parse("FY2027-M11"))).isEqualTo(YearMonth.of(2027, 11));
        }

        @Test
        void februaryOfALeapYearHas29Days() {
            assertThat(calendar.range(PeriodKey.parse("FY2024-M02"))).isEqualTo(range("2024-02-01", "2024-02-29"));
            assertThat(calendar.range(PeriodKey.parse("FY2024")).days()).isEqualTo(366);
            assertThat(calendar.range(PeriodKey.parse("FY2024-Q1")).days()).isEqualTo(91);
            assertThat(calendar.range(PeriodKey.parse("FY2100-M02")).last()).isEqualTo(date("2100-02-28"));
        }

        @Test
        void weekOneIsCutAtTheYearsFirstDay() {
            // 2027-01-01 is a Friday: week 1 is Friday to Sunday, week 2 the first full Monday-to-Sunday week
            assertThat(date("2027-01-01").getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
            assertThat(calendar.range(PeriodKey.parse("FY2027-W01"))).isEqualTo(range("2027-01-01", "2027-01-03"));
            assertThat(calendar.range(PeriodKey.parse("FY2027-W02"))).isEqualTo(range("2027-01-04", "2027-01-10"));
            assertThat(calendar.range(PeriodKey.parse("FY2027-W53"))).isEqualTo(range("2027-12-27", "2027-12-31"));
            assertThat(calendar.weeksIn(2027)).isEqualTo(53);
            assertThat(calendar.weeks(2027)).hasSize(53).startsWith(PeriodKey.week(2027, 1)).endsWith(PeriodKey.week(2027, 53));
        }

        @Test
        void aLeapYearStartingOnSundayHas54Weeks() {
            // 2012-01-01 was a Sunday and 2012-12-31 a Monday
            assertThat(calendar.weeksIn(2012)).isEqualTo(54);
            assertThat(calendar.range(PeriodKey.parse("FY2012-W01"))).isEqualTo(range("2012-01-01", "2012-01-01"));
            assertThat(calendar.range(PeriodKey.parse("FY2012-W54"))).isEqualTo(range("2012-12-31", "2012-12-31"));
            assertThat(calendar.weekOf(date("2012-12-31"))).isEqualTo(PeriodKey.week(2012, 54));
        }

        @Test
        void aYearStartingOnMondayHasAFullFirstWeek() {
            // 2024-01-01 was a Monday
            assertThat(calendar.range(PeriodKey.parse("FY2024-W01"))).isEqualTo(range("2024-01-01", "2024-01-07"));
            assertThat(calendar.weeksIn(2024)).isEqualTo(53);
            assertThat(calendar.range(PeriodKey.parse("FY2024-W53"))).isEqualTo(range("2024-12-30", "2024-12-31"));
        }

        @Test
        void aWeekPastTheYearsLastWeekHasNoRange() {
            assertThatThrownBy(() -> calendar.range(PeriodKey.parse("FY2027-W54")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FY2027 has 53 weeks");
        }

        @Test
        void periodsContainingADate() {
            assertThat(calendar.periodsContaining(date("2027-05-15"))).containsExactly(
                    PeriodKey.parse("FY2027"), PeriodKey.parse("FY2027-Q2"), PeriodKey.parse("FY2027-M05"), PeriodKey.parse("FY2027-W20"));
            assertThat(calendar.range(PeriodKey.parse("FY2027-W20")).contains(date("2027-05-15"))).isTrue();
        }
    }

    @Nested
    class StartingInApril {

        private final FiscalCalendar calendar = new FiscalCalendar(Month.APRIL);

        @Test
        void theFiscalYearIsNamedByTheYearItEndsIn() {
            assertThat(calendar.range(PeriodKey.parse("FY2027"))).isEqualTo(range("2026-04-01", "2027-03-31"));
            assertThat(calendar.fiscalYearOf(date("2026-03-31"))).isEqualTo(2026);
            assertThat(calendar.fiscalYearOf(date("2026-04-01"))).isEqualTo(2027);
            assertThat(calendar.fiscalYearOf(date("2026-12-31"))).isEqualTo(2027);
            assertThat(calendar.fiscalYearOf(date("2027-03-31"))).isEqualTo(2027);
            assertThat(calendar.firstDayOf(2027)).isEqualTo(date("2026-04-01"));
        }

        @Test
        void quartersAndMonthsCountFromApril() {
            assertThat(calendar.range(PeriodKey.parse("FY2027-Q1"))).isEqualTo(range("2026-04-01", "2026-06-30"));
            assertThat(calendar.range(PeriodKey.parse("FY2027-Q3"))).isEqualTo(range("2026-10-01", "2026-12-31"));
            assertThat(calendar.range(PeriodKey.parse("FY2027-Q4"))).isEqualTo(range("2027-01-01", "2027-03-31"));
            assertThat(calendar.range(PeriodKey.parse("FY2027-M01"))).isEqualTo(range("2026-04-01", "2026-04-30"));
            assertThat(calendar.range(PeriodKey.parse("FY2027-M10"))).isEqualTo(range("2027-01-01", "2027-01-31"));
            assertThat(calendar.range(PeriodKey.parse("FY2027-M12"))).isEqualTo(range("2027-03-01", "2027-03-31"));
            assertThat(calendar.yearMonthOf(PeriodKey.parse("FY2027-M12"))).isEqualTo(YearMonth.of(2027, 3));
            assertThat(calendar.monthOf(YearMonth.of(2026, 4))).isEqualTo(PeriodKey.parse("FY2027-M01"));
            assertThat(calendar.monthOf(date("2027-02-14"))).isEqualTo(PeriodKey.parse("FY2027-M11"));
            assertThat(calendar.quarterOf(date("2027-02-14"))).isEqualTo(PeriodKey.parse("FY2027-Q4"));
        }

        @Test
        void leapFebruaryFallsInTheEleventhMonth() {
            // FY2024 = 2023-04-01..2024-03-31 holds 2024-02-29
            assertThat(calendar.range(PeriodKey.parse("FY2024-M11"))).isEqualTo(range("2024-02-01", "2024-02-29"));
            assertThat(calendar.range(PeriodKey.parse("FY2024")).days()).isEqualTo(366);
            assertThat(calendar.range(PeriodKey.parse("FY2025")).days()).isEqualTo(365);
            assertThat(calendar.monthOf(date("2024-02-29"))).isEqualTo(PeriodKey.parse("FY2024-M11"));
        }

        @Test
        void weeksCountFromTheWeekHoldingTheFirstOfApril() {
            // 2026-04-01 is a Wednesday
            assertThat(date("2026-04-01").getDayOfWeek()).isEqualTo(DayOfWeek.WEDNESDAY);
            assertThat(calendar.range(PeriodKey.parse("FY2027-W01"))).isEqualTo(range("2026-04-01", "2026-04-05"));
            assertThat(calendar.range(PeriodKey.parse("FY2027-W02"))).isEqualTo(range("2026-04-06", "2026-04-12"));
            assertThat(calendar.weekOf(date("2026-05-15"))).isEqualTo(PeriodKey.parse("FY2027-W07"));
            // the last days of March 2026 belong to FY2026's last week, not to FY2027-W01
            assertThat(calendar.weekOf(date("2026-03-31"))).isEqualTo(PeriodKey.week(2026, calendar.weeksIn(2026)));
            assertThat(calendar.range(calendar.weekOf(date("2026-03-31"))).last()).isEqualTo(date("2026-03-31"));
        }

        @Test
        void periodsContainingADate() {
            assertThat(calendar.periodsContaining(date("2026-05-15"))).containsExactly(
                    PeriodKey.parse("FY2027"), PeriodKey.parse("FY2027-Q1"), PeriodKey.parse("FY2027-M02"), PeriodKey.parse("FY2027-W07"));
        }
    }

    @Test
    void aYearStartingInMarchEndsOnTheLastDayOfFebruary() {
        FiscalCalendar calendar = new FiscalCalendar(Month.MARCH);
        assertThat(calendar.range(PeriodKey.parse("FY2024"))).isEqualTo(range("2023-03-01", "2024-02-29"));
        assertThat(calendar.range(PeriodKey.parse("FY2025"))).isEqualTo(range("2024-03-01", "2025-02-28"));
        assertThat(calendar.range(PeriodKey.parse("FY2024-M12"))).isEqualTo(range("2024-02-01", "2024-02-29"));
    }

    @Test
    void quarterOfAMonthAndMonthsOfAQuarterOrYear() {
        FiscalCalendar calendar = new FiscalCalendar(Month.APRIL);
        assertThat(calendar.quarterOf(PeriodKey.parse("FY2027-M05"))).isEqualTo(PeriodKey.parse("FY2027-Q2"));
        assertThat(calendar.quarterOf(PeriodKey.parse("FY2027-M12"))).isEqualTo(PeriodKey.parse("FY2027-Q4"));
        assertThat(calendar.monthsOf(PeriodKey.parse("FY2027-Q2"))).containsExactly(
                PeriodKey.parse("FY2027-M04"), PeriodKey.parse("FY2027-M05"), PeriodKey.parse("FY2027-M06"));
        assertThat(calendar.monthsOf(PeriodKey.parse("FY2027"))).isEqualTo(calendar.months(2027)).hasSize(12);
        assertThat(calendar.monthsOf(PeriodKey.parse("FY2027-M07"))).containsExactly(PeriodKey.parse("FY2027-M07"));
        assertThat(calendar.quarters(2027)).extracting(PeriodKey::toString)
                .containsExactly("FY2027-Q1", "FY2027-Q2", "FY2027-Q3", "FY2027-Q4");
        assertThatThrownBy(() -> calendar.quarterOf(PeriodKey.parse("FY2027-Q2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("month key");
        assertThatThrownBy(() -> calendar.monthsOf(PeriodKey.parse("FY2027-W02")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("week");
        assertThatThrownBy(() -> calendar.yearMonthOf(PeriodKey.parse("FY2027")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aQuartersRangeIsItsThreeMonths() {
        FiscalCalendar calendar = new FiscalCalendar(Month.JULY);
        DateRange q3 = calendar.range(PeriodKey.parse("FY2027-Q3"));
        assertThat(q3).isEqualTo(range("2027-01-01", "2027-03-31"));
        assertThat(q3.first()).isEqualTo(calendar.range(PeriodKey.parse("FY2027-M07")).first());
        assertThat(q3.last()).isEqualTo(calendar.range(PeriodKey.parse("FY2027-M09")).last());
    }

    @Test
    void samePeriodLastYear() {
        FiscalCalendar calendar = new FiscalCalendar(Month.APRIL);
        assertThat(calendar.samePeriodLastYear(PeriodKey.parse("FY2027"))).isEqualTo(PeriodKey.parse("FY2026"));
        assertThat(calendar.samePeriodLastYear(PeriodKey.parse("FY2027-Q3"))).isEqualTo(PeriodKey.parse("FY2026-Q3"));
        assertThat(calendar.samePeriodLastYear(PeriodKey.parse("FY2027-M03"))).isEqualTo(PeriodKey.parse("FY2026-M03"));
        assertThat(calendar.samePeriodLastYear(PeriodKey.parse("FY2027-W10"))).isEqualTo(PeriodKey.parse("FY2026-W10"));
        // FY2012 (calendar) has 54 weeks, FY2011 has 53
        FiscalCalendar january = new FiscalCalendar(Month.JANUARY);
        assertThat(january.weeksIn(2011)).isEqualTo(53);
        assertThat(january.samePeriodLastYear(PeriodKey.parse("FY2012-W54"))).isEqualTo(PeriodKey.parse("FY2011-W53"));
        assertThat(january.samePeriodLastYear(PeriodKey.parse("FY2013-W53"))).isEqualTo(PeriodKey.parse("FY2012-W53"));
    }
}
