package com.quota.api.testapp;

import com.quota.api.company.AsOf;
import com.quota.api.company.CompanyClock;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** The company clock and {@code asOf} through the real stack. */
@RestController
public class CompanyController {

    private final CompanyClock clock;

    CompanyController(CompanyClock clock) {
        this.clock = clock;
    }

    @GetMapping("/api/company/as-of")
    Map<String, Object> asOf(@RequestParam(required = false) String asOf) {
        return Map.of("asOf", AsOf.parse(asOf, clock).toString(), "today", clock.today().toString());
    }
}
