package com.quota.calendar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeriodKeyTest {

    @Test
    void parsesEveryCanonicalForm() {
        assertThat(PeriodKey.parse("FY2027")).isEqualTo(new PeriodKey(2027, PeriodType.YEAR, 0));
        assertThat(PeriodKey.parse("FY2027-Q1")).isEqualTo(new PeriodKey(2027, PeriodType.QUARTER, 1));
        assertThat(PeriodKey.parse("FY2027-M03")).isEqualTo(new PeriodKey(2027, PeriodType.MONTH, 3));
        assertThat(PeriodKey.parse("FY2027-M12")).isEqualTo(PeriodKey.month(2027, 12));
        assertThat(PeriodKey.parse("FY2027-W05")).isEqualTo(new PeriodKey(2027, PeriodType.WEEK, 5));
        assertThat(PeriodKey.parse("FY2012-W54")).isEqualTo(PeriodKey.week(2012, 54));
    }

    @Test
    void toStringIsTheCanonicalKeyAndParsesBack() {
        assertThat(PeriodKey.year(2027)).hasToString("FY2027");
        assertThat(PeriodKey.quarter(2027, 4)).hasToString("FY2027-Q4");
        assertThat(PeriodKey.month(2027, 3)).hasToString("FY2027-M03");
        assertThat(PeriodKey.week(2027, 5)).hasToString("FY2027-W05");
        assertThat(PeriodKey.month(987, 11)).hasToString("FY0987-M11");
        for (PeriodKey key : new PeriodKey[]{PeriodKey.year(2027), PeriodKey.quarter(2026, 2), PeriodKey.month(2031, 10),
                PeriodKey.week(2027, 53), PeriodKey.month(987, 11)}) {
            assertThat(PeriodKey.parse(key.toString())).isEqualTo(key);
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"FY27", "fy2027", "FY 2027", " FY2027", "FY2027 ", "2027", "FY2027-", "FY2027-Q01",
            "FY2027-M3", "FY2027-W5", "FY2027-X01", "FY2027-m03", "FY2027/M03", "FY2027-M003", "FY20270", "FY2027-H1"})
    void refusesAnythingButTheCanonicalForms(String text) {
        assertThatThrownBy(() -> PeriodKey.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FY2027-M03");
    }

    @ParameterizedTest
    @ValueSource(strings = {"FY2027-Q0", "FY2027-Q5", "FY2027-M00", "FY2027-M13", "FY2027-W00", "FY2027-W55", "FY0000"})
    void refusesNumbersOutOfRangeNamingTheProblem(String text) {
        assertThatThrownBy(() -> PeriodKey.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text)
                .hasMessageContaining("must be");
    }

    @Test
    void constructorChecksTheNumberForTheType() {
        assertThatThrownBy(() -> new PeriodKey(2027, PeriodType.YEAR, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("year key has number 0");
        assertThatThrownBy(() -> PeriodKey.quarter(2027, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quarter must be 1..4");
        assertThatThrownBy(() -> PeriodKey.month(2027, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("month must be 1..12");
        assertThatThrownBy(() -> PeriodKey.week(2027, 55)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("week must be 1..54");
        assertThatThrownBy(() -> PeriodKey.year(10000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PeriodKey(2027, null, 0)).isInstanceOf(NullPointerException.class);
    }
}
