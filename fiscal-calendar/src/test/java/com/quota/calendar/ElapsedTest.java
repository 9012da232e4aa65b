package com.quota.calendar;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ElapsedTest {

    private final DateRange june = new DateRange(LocalDate.parse("2026-06-01"), LocalDate.parse("2026-06-30"));

    @Test
    void theAsOfDateCounts() {
        // DOMAIN.md: a 30-day month as of day 15 → half elapsed
        assertThat(Elapsed.elapsedDays(june, LocalDate.parse("2026-06-15"))).isEqualTo(15);
        assertThat(Elapsed.elapsedFraction(june, LocalDate.parse("2026-06-15"))).isEqualTo(new BigDecimal("0.5000000000"));
        assertThat(june.elapsedFraction(LocalDate.parse("2026-06-01"))).isEqualTo(new BigDecimal("0.0333333333"));
        assertThat(june.elapsedFraction(LocalDate.parse("2026-06-20"))).isEqualTo(new BigDecimal("0.6666666667"));
    }

    @Test
    void theFractionIsClampedToZeroAndOne() {
        assertThat(june.elapsedFraction(LocalDate.parse("2026-05-31"))).isEqualTo(new BigDecimal("0E-10"));
        assertThat(june.elapsedFraction(LocalDate.parse("2026-05-31")).signum()).isZero();
        assertThat(june.elapsedFraction(LocalDate.parse("2026-06-30"))).isEqualTo(new BigDecimal("1.0000000000"));
        assertThat(june.elapsedFraction(LocalDate.parse("2027-01-01"))).isEqualTo(new BigDecimal("1.0000000000"));
        assertThat(Elapsed.elapsedDays(june, LocalDate.parse("2027-01-01"))).isEqualTo(30);
    }

    @Test
    void aRangeKnowsItsDays() {
        assertThat(june.days()).isEqualTo(30);
        assertThat(new DateRange(LocalDate.parse("2026-06-01"), LocalDate.parse("2026-06-01")).days()).isEqualTo(1);
        assertThat(june.contains(LocalDate.parse("2026-06-30"))).isTrue();
        assertThat(june.contains(LocalDate.parse("2026-07-01"))).isFalse();
        assertThat(june).hasToString("2026-06-01..2026-06-30");
        assertThatThrownBy(() -> new DateRange(LocalDate.parse("2026-06-02"), LocalDate.parse("2026-06-01")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before it starts");
    }
}
