package com.quota.pipeline.fx.web;

import com.quota.pipeline.fx.application.FxRates;
import com.quota.pipeline.fx.application.FxRates.FxRateEntry;
import com.quota.pipeline.web.PageView;
import com.quota.resourceserver.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The FX rate table by date: {@code PUT /api/fx-rates/{currency}/{date}} sets a rate, GET lists them. */
@RestController
@RequestMapping("/api/fx-rates")
@Tag(name = "FX rates")
class FxRateController {

    record RateRequest(@NotNull BigDecimal rate) {
    }

    record RateView(String currency, LocalDate rateDate, String rate) {
        static RateView of(FxRateEntry e) {
            return new RateView(e.currency(), e.rateDate(), e.rate().toPlainString());
        }
    }

    private final FxRates rates;

    FxRateController(FxRates rates) {
        this.rates = rates;
    }

    @PutMapping("/{currency}/{date}")
    @Operation(summary = "Set the rate (reporting-currency units per one unit of currency) in force from date; idempotent")
    Mono<RateView> put(Caller caller, @PathVariable String currency, @PathVariable LocalDate date,
                       @Valid @RequestBody RateRequest request) {
        return rates.put(caller, currency, date, request.rate()).map(RateView::of);
    }

    @GetMapping
    @Operation(summary = "The rate table, newest first per currency")
    Mono<PageView<RateView>> list(@RequestParam(required = false) String currency) {
        return rates.list(currency).map(RateView::of).collectList().map(PageView::all);
    }
}
