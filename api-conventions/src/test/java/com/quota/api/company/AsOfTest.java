package com.quota.api.company;

import com.quota.api.problem.ApiProblem;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AsOfTest {

    // 16:30 UTC on Dec 31st is already New Year's Day in Shanghai, still Dec 31st in New York
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-12-31T16:30:00Z"), ZoneOffset.UTC);

    @Test
    void todayIsTheDateInTheCompanyZone() {
        assertThat(new CompanyClock(CLOCK, ZoneId.of("Asia/Shanghai")).today()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(new CompanyClock(CLOCK, ZoneId.of("America/New_York")).today()).isEqualTo(LocalDate.of(2025, 12, 31));
    }

    @Test
    void absentOrBlankAsOfIsToday() {
        CompanyClock clock = new CompanyClock(CLOCK, ZoneId.of("Asia/Shanghai"));
        assertThat(AsOf.parse(null, clock)).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(AsOf.parse(" ", clock)).isEqualTo(LocalDate.of(2026, 1, 1));
    }

    @Test
    void anIsoDateIsTaken() {
        assertThat(AsOf.parse("2026-03-31", new CompanyClock(CLOCK, ZoneOffset.UTC))).isEqualTo(LocalDate.of(2026, 3, 31));
    }

    @Test
    void anythingElseIsA400NamingAsOf() {
        for (String bad : new String[]{"2026-02-30", "31/03/2026", "2026-03-31T00:00", "today"}) {
            assertThatThrownBy(() -> AsOf.parse(bad, new CompanyClock(CLOCK, ZoneOffset.UTC)))
                    .as(bad)
                    .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                        assertThat(problem.getStatusCode().value()).isEqualTo(400);
                        assertThat(problem.getBody().getProperties().get("errors").toString()).contains("field=asOf");
                    });
        }
    }
}
