package com.quota.targets.attainment.web;

import com.quota.calendar.PeriodKey;
import com.quota.calendar.PeriodType;
import com.quota.api.problem.ApiProblem;
import com.quota.orgdirectory.scope.CallerScope;
import com.quota.orgdirectory.scope.ScopeResolver;
import com.quota.targets.attainment.Dimensions;
import com.quota.targets.attainment.Metric;
import com.quota.targets.attainment.Owner;
import com.quota.targets.attainment.OwnerType;
import com.quota.targets.attainment.application.AttainmentQueries;
import com.quota.targets.attainment.application.OrgPlacement;
import com.quota.targets.attainment.web.AttainmentViews.FiguresView;
import com.quota.targets.attainment.web.AttainmentViews.LineView;
import com.quota.targets.attainment.web.AttainmentViews.LinesPage;
import com.quota.targets.attainment.web.AttainmentViews.OwnerRef;
import com.quota.targets.attainment.web.AttainmentViews.SeriesPointView;
import com.quota.targets.attainment.web.AttainmentViews.SeriesView;
import com.quota.targets.attainment.web.AttainmentViews.TeamViewBody;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code /api/attainment/**}: where a rep or unit stands for a metric and period as of a date, a unit with every
 * child, a monthly series for charts, and drill-down from a figure to its ledger lines and source events.
 * Scoped by org-directory's CallerScope as of the as-of date: ADMIN and DIRECTOR see everything, a MANAGER the units
 * and reps of the subtrees they manage, a REP themself, an integration client with {@code attainment.read} everything;
 * anything outside the scope answers 404.
 */
@RestController
@RequestMapping(path = "/api/attainment", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "attainment", description = "Actual against target, pace and run-rate, drillable to the source events")
class AttainmentController {

    static final String CSV_NOTE = "format=csv (default json) answers the same view as streamed text/csv (RFC 4180: a "
            + "header, then one row per target level, month or line), with the same parameters, scope and problem+json "
            + "errors.";

    private static final List<String> SORTS = List.of("actual", "attainmentPercent", "pacePercent", "gap");

    private static final String READ_SCOPE = "attainment.read";

    private final AttainmentQueries queries;
    private final OrgPlacement org;
    private final ScopeResolver scopes;

    AttainmentController(AttainmentQueries queries, OrgPlacement org, ScopeResolver scopes) {
        this.queries = queries;
        this.org = org;
        this.scopes = scopes;
    }

    @GetMapping("/{ownerKind}/{ownerId}")
    @Operation(summary = "Figures of a rep or unit",
            description = "ownerKind is reps or units. Actual, target per level, attainment %, gap, MTD/QTD/YTD, YoY "
                    + "growth, pace line and pace %, run-rate, for metric × period (FY2026, FY2026-Q4, FY2026-M11) as of "
                    + "asOf (default today in the company time zone). At most one dimension filter "
                    + "(productLine, region, channel, customerSegment). " + CSV_NOTE)
    Mono<FiguresView> figures(@PathVariable String ownerKind, @PathVariable String ownerId, @RequestParam Map<String, String> params) {
        return Mono.defer(() -> {
            Owner owner = owner(ownerKind, ownerId);
            Query q = Query.of(params, queries.company().today(), true);
            return visible(owner, q.asOf).then(queries.figures(owner, q.metric, q.period, q.dimension, q.asOf)).map(FiguresView::of);
        });
    }

    @GetMapping("/units/{unitId}/children")
    @Operation(summary = "A unit and every child",
            description = "The unit's figures and those of its direct child units and direct reps (membership as of "
                    + "asOf, or the period's last day if earlier), sorted by sort=actual|attainmentPercent|pacePercent|gap"
                    + "[,asc|desc] (default attainmentPercent,desc; nulls last). " + CSV_NOTE)
    Mono<TeamViewBody> children(@PathVariable String unitId, @RequestParam Map<String, String> params) {
        return Mono.defer(() -> {
            Owner unit = owner("units", unitId);
            Query q = Query.of(params, queries.company().today(), true);
            Comparator<FiguresView> order = sort(params.get("sort"));
            return visible(unit, q.asOf).then(queries.team(unit.id(), q.metric, q.period, q.dimension, q.asOf))
                    .map(team -> new TeamViewBody(FiguresView.of(team.unit()),
                            team.children().stream().map(FiguresView::of).sorted(order).toList()));
        });
    }

    @GetMapping("/{ownerKind}/{ownerId}/series")
    @Operation(summary = "Monthly series of a fiscal year",
            description = "Per fiscal month: the actual (up to asOf), the targets per level, and the running totals. "
                    + CSV_NOTE)
    Mono<SeriesView> series(@PathVariable String ownerKind, @PathVariable String ownerId, @RequestParam Map<String, String> params) {
        return Mono.defer(() -> {
            Owner owner = owner(ownerKind, ownerId);
            Query q = Query.of(params, queries.company().today(), false);
            int fiscalYear = fiscalYear(params.get("fiscalYear"), queries.company().fiscal().fiscalYearOf(q.asOf));
            String currency = q.metric.isCount() ? null : queries.company().reportingCurrency().getCurrencyCode();
            return visible(owner, q.asOf).then(queries.monthlySeries(owner, q.metric, fiscalYear, q.dimension, q.asOf))
                    .map(points -> new SeriesView(new OwnerRef(owner.type().name(), owner.id().toString()), q.metric.name(),
                            q.dimension, fiscalYear, q.asOf.toString(),
                            points.stream().map(p -> SeriesPointView.of(p, currency)).toList()));
        });
    }

    @GetMapping("/{ownerKind}/{ownerId}/lines")
    @Operation(summary = "The ledger lines behind a figure",
            description = "The credit lines dated in the period up to asOf that make up the figure (for a unit: the "
                    + "lines of the reps who were in it on each credit date), newest first, with their source events; "
                    + "page (from 0) and size (1..500, default 50). " + CSV_NOTE + " As CSV: every line, not a page.")
    Mono<LinesPage> lines(@PathVariable String ownerKind, @PathVariable String ownerId, @RequestParam Map<String, String> params) {
        return Mono.defer(() -> {
            Owner owner = owner(ownerKind, ownerId);
            Query q = Query.of(params, queries.company().today(), true);
            int page = intParam(params.get("page"), "page", 0, 0, Integer.MAX_VALUE / 500);
            int size = intParam(params.get("size"), "size", 50, 1, 500);
            int scale = q.metric.isCount() ? 0 : queries.company().reportingCurrency().getDefaultFractionDigits();
            return visible(owner, q.asOf).thenMany(queries.lines(owner, q.metric, q.period, q.dimension, q.asOf, page, size))
                    .concatMap(line -> queries.unitsOfLine(line).map(UUID::toString).collectList()
                            .map(units -> LineView.of(line, scale, units)))
                    .collectList()
                    .map(items -> new LinesPage(items, Map.of("number", page, "size", size)));
        });
    }

    // format=csv: the same views as streamed CSV (RFC 4180), same parameters and scope; errors stay problem+json

    @Hidden
    @GetMapping(path = "/{ownerKind}/{ownerId}", params = "format=csv", produces = AttainmentCsv.MEDIA_TYPE)
    Flux<String> figuresCsv(@PathVariable String ownerKind, @PathVariable String ownerId,
                            @RequestParam Map<String, String> params) {
        return figures(ownerKind, ownerId, params).flatMapMany(view -> Flux.concat(
                Flux.just(AttainmentCsv.FIGURES_HEADER), Flux.fromIterable(AttainmentCsv.figures(view, null))));
    }

    @Hidden
    @GetMapping(path = "/units/{unitId}/children", params = "format=csv", produces = AttainmentCsv.MEDIA_TYPE)
    Flux<String> childrenCsv(@PathVariable String unitId, @RequestParam Map<String, String> params) {
        return children(unitId, params).flatMapMany(team -> Flux.concat(Flux.just(AttainmentCsv.TEAM_HEADER),
                Flux.fromIterable(AttainmentCsv.figures(team.unit(), "unit")),
                Flux.fromIterable(team.children()).concatMapIterable(child -> AttainmentCsv.figures(child, "child"))));
    }

    @Hidden
    @GetMapping(path = "/{ownerKind}/{ownerId}/series", params = "format=csv", produces = AttainmentCsv.MEDIA_TYPE)
    Flux<String> seriesCsv(@PathVariable String ownerKind, @PathVariable String ownerId,
                           @RequestParam Map<String, String> params) {
        return series(ownerKind, ownerId, params).flatMapMany(view -> Flux.concat(
                Flux.just(AttainmentCsv.SERIES_HEADER), Flux.fromIterable(AttainmentCsv.series(view))));
    }

    /** Every line behind the figure (no paging), streamed from the database as it reads them. */
    @Hidden
    @GetMapping(path = "/{ownerKind}/{ownerId}/lines", params = "format=csv", produces = AttainmentCsv.MEDIA_TYPE)
    Flux<String> linesCsv(@PathVariable String ownerKind, @PathVariable String ownerId,
                          @RequestParam Map<String, String> params) {
        return Flux.defer(() -> {
            Owner owner = owner(ownerKind, ownerId);
            Query q = Query.of(params, queries.company().today(), true);
            int scale = q.metric.isCount() ? 0 : queries.company().reportingCurrency().getDefaultFractionDigits();
            return visible(owner, q.asOf).thenMany(Flux.concat(Flux.just(AttainmentCsv.LINES_HEADER),
                    queries.lines(owner, q.metric, q.period, q.dimension, q.asOf, 0, Integer.MAX_VALUE)
                            .map(line -> AttainmentCsv.line(line, scale))));
        });
    }

    @GetMapping("/source-events/{eventId}")
    @Operation(summary = "What a source event credited",
            description = "The ledger lines one OpportunityWon, OpportunityReopened, Contract* or PaymentReceived wrote, "
                    + "each with the units it rolled up to; 404 when the event credited nothing here.")
    Mono<List<LineView>> sourceEvent(@PathVariable String eventId) {
        return Mono.defer(() -> {
            UUID id = uuid(eventId, "eventId");
            int money = queries.company().reportingCurrency().getDefaultFractionDigits();
            return scope(queries.company().today()).flatMapMany(scope -> queries.linesOfSourceEvent(id)
                            .filter(line -> scope.canSeeRep(line.repId())))
                    .concatMap(line -> queries.unitsOfLine(line).map(UUID::toString).collectList()
                            .map(units -> LineView.of(line, line.metric().isCount() ? 0 : money, units)))
                    .collectList()
                    .flatMap(lines -> lines.isEmpty() ? Mono.error(notFound("source event " + eventId)) : Mono.just(lines));
        });
    }

    private Mono<CallerScope> scope(LocalDate on) {
        return scopes.resolveCurrent(on).doOnNext(scope -> scope.requireScope(READ_SCOPE));
    }

    /** Completes when the owner is known here and inside the caller's scope on that day, else 404. */
    private Mono<Void> visible(Owner owner, LocalDate on) {
        return scope(on).flatMap(scope -> {
            boolean inScope = owner.type() == OwnerType.REP ? scope.canSeeRep(owner.id()) : scope.canSeeUnit(owner.id());
            if (!inScope) {
                return Mono.error(notFound(owner.type().name().toLowerCase() + " " + owner.id()));
            }
            return org.knows(owner).flatMap(known -> known ? Mono.<Void>empty() : Mono.error(notFound(
                    owner.type().name().toLowerCase() + " " + owner.id())));
        });
    }

    private static Owner owner(String kind, String id) {
        OwnerType type = switch (kind) {
            case "reps" -> OwnerType.REP;
            case "units" -> OwnerType.UNIT;
            default -> throw notFound("/api/attainment/" + kind);
        };
        return new Owner(type, uuid(id, type == OwnerType.REP ? "repId" : "unitId"));
    }

    private static Comparator<FiguresView> sort(String sort) {
        String field = "attainmentPercent";
        boolean ascending = false;
        if (sort != null && !sort.isBlank()) {
            String[] parts = sort.split(",");
            field = parts[0];
            if (!SORTS.contains(field)) {
                throw invalid("sort", "unknown sort field '" + field + "'; allowed: " + String.join(", ", SORTS));
            }
            if (parts.length > 1) {
                if (!parts[1].equalsIgnoreCase("asc") && !parts[1].equalsIgnoreCase("desc")) {
                    throw invalid("sort", "direction must be asc or desc");
                }
                ascending = parts[1].equalsIgnoreCase("asc");
            }
        }
        Function<FiguresView, BigDecimal> key = switch (field) {
            case "actual" -> v -> decimal(v.actual());
            case "gap" -> v -> v.levels().containsKey("TARGET") ? decimal(v.levels().get("TARGET").gap()) : null;
            case "pacePercent" -> v -> v.levels().containsKey("TARGET") ? decimal(v.levels().get("TARGET").pacePercent()) : null;
            default -> v -> v.levels().containsKey("TARGET") ? decimal(v.levels().get("TARGET").attainmentPercent()) : null;
        };
        Comparator<BigDecimal> values = ascending ? Comparator.naturalOrder() : Comparator.reverseOrder();
        return Comparator.comparing(key, Comparator.nullsLast(values))
                .thenComparing(v -> v.owner().type()).thenComparing(v -> v.owner().id());
    }

    private static BigDecimal decimal(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof AttainmentViews.Measure m) {
            return new BigDecimal(m.amount());
        }
        return new BigDecimal(value.toString());
    }

    /** The common query parameters: metric, period, asOf and one optional dimension. */
    private record Query(Metric metric, PeriodKey period, LocalDate asOf, String dimension) {

        static Query of(Map<String, String> params, LocalDate today, boolean periodRequired) {
            Metric metric = metric(params.get("metric"));
            PeriodKey period = null;
            if (periodRequired) {
                period = period(params.get("period"));
            }
            LocalDate asOf = today;
            String asOfText = params.get("asOf");
            if (asOfText != null && !asOfText.isBlank()) {
                try {
                    asOf = LocalDate.parse(asOfText.trim());
                } catch (DateTimeParseException e) {
                    throw invalid("asOf", "not a date (yyyy-MM-dd)");
                }
            }
            String format = params.get("format");
            if (format != null && !format.equals("json") && !format.equals("csv")) {
                throw invalid("format", "must be json (default) or csv");
            }
            return new Query(metric, period, asOf, dimension(params));
        }

        private static Metric metric(String text) {
            if (text == null || text.isBlank()) {
                throw invalid("metric", "is required (BOOKINGS, CONTRACT_VALUE, COLLECTIONS, NEW_CUSTOMERS)");
            }
            try {
                return Metric.valueOf(text.trim());
            } catch (IllegalArgumentException e) {
                throw invalid("metric", "must be BOOKINGS, CONTRACT_VALUE, COLLECTIONS or NEW_CUSTOMERS");
            }
        }

        private static PeriodKey period(String text) {
            if (text == null || text.isBlank()) {
                throw invalid("period", "is required (e.g. FY2026, FY2026-Q4, FY2026-M11)");
            }
            PeriodKey key;
            try {
                key = PeriodKey.parse(text.trim());
            } catch (IllegalArgumentException e) {
                throw invalid("period", "not a period key (e.g. FY2026, FY2026-Q4, FY2026-M11)");
            }
            if (key.type() == PeriodType.WEEK) {
                throw invalid("period", "attainment is reported by month, quarter or year");
            }
            return key;
        }

        private static String dimension(Map<String, String> params) {
            List<String> set = new ArrayList<>();
            for (String name : List.of("productLine", "region", "channel", "customerSegment")) {
                String value = params.get(name);
                if (value != null && !value.isBlank()) {
                    set.add(Dimensions.key(name, value.trim()));
                }
            }
            if (set.size() > 1) {
                throw invalid("productLine", "at most one of productLine, region, channel, customerSegment");
            }
            return set.isEmpty() ? Dimensions.ALL : set.get(0);
        }
    }

    private static int fiscalYear(String text, int defaultYear) {
        return intParam(text, "fiscalYear", defaultYear, 1, 9999);
    }

    private static int intParam(String text, String name, int defaultValue, int min, int max) {
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value < min || value > max) {
                throw invalid(name, "must be " + min + ".." + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(name, "not a whole number");
        }
    }

    private static UUID uuid(String text, String field) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw invalid(field, "not a UUID");
        }
    }

    static ApiProblem invalid(String field, String message) {
        return ApiProblem.invalidField(field, message);
    }

    static ApiProblem notFound(String what) {
        return ApiProblem.notFound(what);
    }
}
