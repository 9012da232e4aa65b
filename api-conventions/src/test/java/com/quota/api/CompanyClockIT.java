package com.quota.api;

import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.UUID;

/** {@code asOf} defaults to today in the company time zone; a bad one is 400 naming the parameter. */
class CompanyClockIT extends AbstractApiConventionsIT {

    private final String token = TestTokens.rep(UUID.randomUUID());

    @Test
    void asOfDefaultsToTodayInTheCompanyZone() {
        // the clock says 2026-03-31T17:30Z, which is already April 1st in Asia/Shanghai
        client.get().uri("/api/company/as-of").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.asOf").isEqualTo("2026-04-01").jsonPath("$.today").isEqualTo("2026-04-01");
    }

    @Test
    void anExplicitAsOfIsTaken() {
        client.get().uri("/api/company/as-of?asOf=2025-12-31").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.asOf").isEqualTo("2025-12-31");
    }

    @Test
    void aBadAsOfAnswers400NamingTheParameter() {
        client.get().uri("/api/company/as-of?asOf=31/12/2025").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "validation-failed")
                .jsonPath("$.errors[0].field").isEqualTo("asOf");
    }

    @Test
    void periodKeysUseTheCompanysFiscalYearStartingInApril() {
        // quota.company.fiscal-year-start-month=APRIL: FY2027 runs from 2026-04-01 to 2027-03-31
        client.get().uri("/api/company/periods/FY2027-Q1").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.first").isEqualTo("2026-04-01").jsonPath("$.last").isEqualTo("2026-06-30");
        client.get().uri("/api/company/periods").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.periods[0]").isEqualTo("FY2027")
                .jsonPath("$.periods[1]").isEqualTo("FY2027-Q1")
                .jsonPath("$.periods[2]").isEqualTo("FY2027-M01");
    }

    @Test
    void aBadPeriodKeyAnswers400NamingTheParameter() {
        client.get().uri("/api/company/periods/2027-Q1").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "validation-failed")
                .jsonPath("$.errors[0].field").isEqualTo("period");
    }
}
