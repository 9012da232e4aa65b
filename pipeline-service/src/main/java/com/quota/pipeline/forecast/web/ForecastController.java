package com.quota.pipeline.forecast.web;

import com.quota.calendar.PeriodKey;
import com.quota.pipeline.failure.InvalidInputException;
import com.quota.pipeline.forecast.ForecastFigures;
import com.quota.pipeline.forecast.ForecastLine;
import com.quota.pipeline.forecast.ProbabilitySource;
import com.quota.pipeline.forecast.application.ForecastQueries;
import com.quota.pipeline.forecast.application.ForecastQueries.ForecastResult;
import com.quota.pipeline.forecast.application.ForecastQueries.Who;
import com.quota.pipeline.funnel.FunnelReport;
import com.quota.resourceserver.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The weighted forecast by month of expected close and the funnel, both as of a date. */
@RestController
@RequestMapping("/api/forecast")
@Tag(name = "Forecast and funnel")
class ForecastController {

    record Figures(String closed, String commit, String bestCase, String pipeline, String weighted, int openDeals, int closedDeals) {
        static Figures of(ForecastFigures f) {
            return new Figures(f.closed().toPlainString(), f.commit().toPlainString(), f.bestCase().toPlainString(),
                    f.pipeline().toPlainString(), f.weighted().toPlainString(), f.openDeals(), f.closedDeals());
        }
    }

    record MonthView(String period, Figures figures) {
    }

    record LineView(UUID opportunityId, String title, List<UUID> ownerRepIds, String period, LocalDate forecastDate,
                    boolean datePlaced, String category, String stage, String amount, String probability, String weightedAmount) {
    }

    record ForecastView(String period, LocalDate asOf, ProbabilitySource probabilitySource, String currency, Figures total,
                        List<MonthView> months, List<LineView> opportunities) {
    }

    private final ForecastQueries queries;
    private final com.quota.calendar.FiscalCalendar calendar;

    ForecastController(ForecastQueries queries, com.quota.calendar.FiscalCalendar calendar) {
        this.queries = queries;
        this.calendar = calendar;
    }

    @GetMapping
    @Operation(summary = "Weighted forecast for a rep (repId), an org unit's whole subtree (unitId: a team or region) or "
            + "everything in scope, for a period (FY2027, FY2027-Q1, FY2027-M03), as of a date: cumulative categories "
            + "per month, summed in the database; the lines behind the figures (opportunities) only on request: "
            + "drillDown=true, or a month or category filter")
    Mono<ForecastView> forecast(Caller caller, @RequestParam String period, @RequestParam(required = false) UUID repId,
                                @RequestParam(required = false) UUID unitId,
                                @RequestParam(defaultValue = "false") boolean drillDown,
                                @RequestParam(required = false) UUID pipelineId, @RequestParam(required = false) String asOf,
                                @RequestParam(defaultValue = "STAGE") ProbabilitySource probability,
                                @RequestParam(defaultValue = "365") int measuredWindowDays,
                                @RequestParam(required = false) String month, @RequestParam(required = false) String category) {
        PeriodKey key = period(period, "period");
        PeriodKey monthFilter = month == null ? null : period(month, "month");
        if (measuredWindowDays < 1 || measuredWindowDays > 3660) {
            throw new InvalidInputException("measuredWindowDays", "must be between 1 and 3660");
        }
        boolean lines = drillDown || monthFilter != null || category != null;
        return queries.forecast(caller, new Who(repId, pipelineId, unitId), key, date(asOf, "asOf"), probability,
                        measuredWindowDays, lines)
                .map(result -> view(result, monthFilter, category));
    }

    @GetMapping("/funnel")
    @Operation(summary = "Funnel of one pipeline's deals created in [from, to], as of a date, for a rep (repId), an org "
            + "unit's subtree (unitId) or everything in scope: per-stage reach and amount, measured conversion, average "
            + "days in stage, win rate, sales velocity, losses by competitor and reason")
    Mono<FunnelReport> funnel(Caller caller, @RequestParam UUID pipelineId, @RequestParam String from, @RequestParam String to,
                              @RequestParam(required = false) UUID repId, @RequestParam(required = false) UUID unitId,
                              @RequestParam(required = false) String asOf) {
        LocalDate f = date(from, "from");
        LocalDate t = date(to, "to");
        return queries.funnel(caller, new Who(repId, pipelineId, unitId), f, t, date(asOf, "asOf"));
    }

    private ForecastView view(ForecastResult result, PeriodKey monthFilter, String category) {
        Map<String, ForecastFigures> buckets = result.forecast().buckets();
        List<MonthView> months = new ArrayList<>();
        for (PeriodKey m : result.months()) {
            ForecastFigures f = buckets.get(m.toString());
            months.add(new MonthView(m.toString(), f == null ? Figures.of(zero(result)) : Figures.of(f)));
        }
        List<LineView> lines = new ArrayList<>();
        for (ForecastLine line : result.forecast().lines()) {
            String lineMonth = calendar.monthOf(line.deal().forecastDate()).toString();
            String lineCategory = line.closed() ? "CLOSED" : line.category().name();
            if (monthFilter != null && !monthFilter.toString().equals(lineMonth)) {
                continue;
            }
            if (category != null && !category.equalsIgnoreCase(lineCategory)) {
                continue;
            }
            lines.add(new LineView(line.deal().opportunityId(), line.deal().title(), line.deal().ownerRepIds(), lineMonth,
                    line.deal().forecastDate(), line.deal().datePlaced(), lineCategory, line.deal().stage().code(),
                    line.deal().reportingAmount().toPlainString(), line.probability().stripTrailingZeros().toPlainString(),
                    line.weightedAmount().toPlainString()));
        }
        return new ForecastView(result.period().toString(), result.asOf(), result.source(),
                result.currency().getCurrencyCode(), Figures.of(result.forecast().total()), months, lines);
    }

    private static ForecastFigures zero(ForecastResult result) {
        BigDecimal zero = BigDecimal.ZERO.setScale(result.currency().getDefaultFractionDigits());
        return new ForecastFigures(zero, zero, zero, zero, zero, 0, 0);
    }

    private static PeriodKey period(String text, String field) {
        try {
            PeriodKey key = PeriodKey.parse(text);
            if (key.type() == com.quota.calendar.PeriodType.WEEK) {
                throw new IllegalArgumentException("weeks are not forecast periods");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "must be a period key such as FY2027, FY2027-Q1 or FY2027-M03");
        }
    }

    private static LocalDate date(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be an ISO date such as 2026-11-20");
        }
    }
}
