package com.quota.api.company;

import com.quota.api.problem.ApiProblem;
import com.quota.calendar.PeriodKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeriodKeysTest {

    @Test
    void canonicalKeysAreRead() {
        assertThat(PeriodKeys.parse("FY2027")).isEqualTo(PeriodKey.year(2027));
        assertThat(PeriodKeys.parse("FY2027-Q1")).isEqualTo(PeriodKey.quarter(2027, 1));
        assertThat(PeriodKeys.parse(" FY2027-M03 ")).isEqualTo(PeriodKey.month(2027, 3));
        assertThat(PeriodKeys.parse("FY2027-W05")).isEqualTo(PeriodKey.week(2027, 5));
    }

    @Test
    void anythingElseIsA400NamingTheParameter() {
        for (String bad : new String[]{null, "", "2027", "FY2027-Q5", "FY2027-M13", "fy2027", "FY2027-M3"}) {
            assertThatThrownBy(() -> PeriodKeys.parse(bad, "from"))
                    .as(String.valueOf(bad))
                    .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                        assertThat(problem.getStatusCode().value()).isEqualTo(400);
                        assertThat(problem.getBody().getProperties().get("errors").toString()).contains("field=from");
                    });
        }
    }
}
