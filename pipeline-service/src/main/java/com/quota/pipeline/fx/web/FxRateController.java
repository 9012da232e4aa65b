package com.quota.pipeline.fx.web;

import com.quota.pipeline.fx.application.FxRates;
import com.quota.pipeline.fx.application.FxRates.FxRateEntry;
import com.quota.pipeline.web.PageView;
import com.quota.resourceserver.Caller;
import com.quota.api.paging.PageQuery;
import com.quota.api.paging.Page;
import com.quota.api.audit.AuditEntryView;
import com.quota.api.audit.AuditTrail;
import com.quota.pipeline.audit.application.PipelineAudit;
import org.springframework.http.server.reactive.ServerHttpRequest;
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
    private final AuditTrail auditTrail;

    FxRateController(FxRates rates, AuditTrail auditTrail) {
        this.rates = rates;
        this.auditTrail = auditTrail;
    }

    @GetMapping("/{currency}/audit")
    @Operation(summary = "The audit trail of a currency's rates: who set or corrected which day's rate, when, before and after; "
            + "newest first, paged")
    Mono<Page<AuditEntryView>> audit(@PathVariable String currency, ServerHttpRequest request) {
        PageQuery query = PageQuery.from(request, AuditTrail.SORT_FIELDS, AuditTrail.DEFAULT_SORT);
        return Mono.fromCallable(() -> FxRates.currencyCode(currency))
                .flatMap(code -> auditTrail.of(PipelineAudit.FX_RATE, PipelineAudit.fxRateId(code), query));
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
