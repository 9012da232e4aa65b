package com.quota.targets.definition.web;

import com.quota.api.idempotency.CreatedResponse;
import com.quota.api.idempotency.IdempotentCreates;
import com.quota.api.company.PeriodKeys;
import com.quota.targets.definition.application.TargetTreeService;
import com.quota.resourceserver.CurrentCaller;
import com.quota.targets.allocation.AdjustmentMode;
import com.quota.targets.allocation.AllocationMethod;
import com.quota.targets.allocation.DimensionSplit;
import com.quota.targets.audit.persistence.AuditLog;
import com.quota.targets.definition.Dimensions;
import com.quota.targets.definition.Metric;
import com.quota.targets.definition.OwnerType;
import com.quota.targets.definition.TargetDimension;
import com.quota.targets.definition.TargetAction;
import com.quota.targets.definition.TargetLevel;
import com.quota.targets.definition.application.AllocationService;
import com.quota.targets.definition.application.TargetCommands;
import com.quota.targets.definition.application.TargetCommands.LevelInput;
import com.quota.targets.definition.application.TargetService;
import com.quota.targets.definition.persistence.TargetStore;
import com.quota.targets.definition.web.TargetViews.AllocationBody;
import com.quota.targets.definition.web.TargetViews.AllocationView;
import com.quota.targets.definition.web.TargetViews.AmountsBody;
import com.quota.targets.definition.web.TargetViews.BottomUpView;
import com.quota.targets.definition.web.TargetViews.CreateBody;
import com.quota.targets.definition.web.TargetViews.DistributionBody;
import com.quota.targets.definition.web.TargetViews.LevelBody;
import com.quota.targets.definition.web.TargetViews.Page;
import com.quota.targets.definition.web.TargetViews.PageInfo;
import com.quota.targets.definition.web.TargetViews.RevisionBody;
import com.quota.targets.definition.web.TargetViews.TargetSummary;
import com.quota.targets.definition.web.TargetViews.TargetView;
import com.quota.targets.definition.web.TargetViews.VersionView;
import com.quota.targets.web.FieldCheck;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** {@code /api/targets/**}: targets, their lifecycle and versions, allocation, distribution and the bottom-up view. */
@RestController
@Tag(name = "targets", description = "Targets (quotas): year x metric x owner x dimensions, levels, lifecycle, versions")
class TargetController {

    private static final Map<String, String> SORT_COLUMNS = Map.of("fiscalYear", "t.fiscal_year", "metric", "t.metric",
            "createdAt", "t.created_at", "updatedAt", "t.updated_at");

    private final TargetService targets;
    private final AllocationService allocations;
    private final TargetStore store;
    private final AuditLog audit;
    private final IdempotentCreates creates;
    private final TargetTreeService trees;

    TargetController(TargetService targets, AllocationService allocations, TargetStore store, AuditLog audit,
                     IdempotentCreates creates, TargetTreeService trees) {
        this.creates = creates;
        this.trees = trees;
        this.targets = targets;
        this.allocations = allocations;
        this.store = store;
        this.audit = audit;
    }

    @PostMapping("/api/targets")
    @Operation(summary = "Create a target (a DRAFT, version 1)",
            description = "Accepts an Idempotency-Key header (a retry answers the first result). Fiscal year x metric x owner (UNIT or REP) x optional dimensions; levels TARGET (required), STRETCH, "
                    + "CHALLENGE with an annual amount and optionally 12 months (else spread evenly). A REP creates their own "
                    + "(bottom-up), a MANAGER in their subtree. Unknown owner 422; duplicate 409.")
    Mono<ResponseEntity<String>> create(@RequestBody CreateBody body, ServerWebExchange exchange) {
        FieldCheck check = new FieldCheck().required("fiscalYear", body.fiscalYear()).required("metric", body.metric())
                .required("ownerType", body.ownerType()).required("ownerId", body.ownerId()).required("levels", body.levels())
                .oneOf("metric", body.metric(), names(Metric.values())).oneOf("ownerType", body.ownerType(), names(OwnerType.values()))
                .when(body.fiscalYear() != null && (body.fiscalYear() < 2000 || body.fiscalYear() > 2100), "fiscalYear", "must be 2000..2100");
        Map<TargetLevel, LevelInput> levels = levels(body.levels(), check);
        check.orFail();
        TargetCommands.CreateTarget command = new TargetCommands.CreateTarget(blankToNull(body.externalRef()), body.fiscalYear(),
                Metric.valueOf(body.metric()), OwnerType.valueOf(body.ownerType()), body.ownerId(),
                body.dimensions() == null ? Dimensions.ALL : body.dimensions(), body.currency(), levels, body.effectiveFrom());
        // Idempotency-Key: a retry answers the first response byte for byte and creates nothing twice
        return CurrentCaller.require().flatMap(caller -> creates.create(exchange, caller, body, () -> targets.create(caller, command)
                .map(detail -> CreatedResponse.created(TargetView.of(detail), URI.create("/api/targets/" + detail.target().id()))
                        .withEtag(detail.target().version()))));
    }

    @GetMapping("/api/targets")
    @Operation(summary = "List targets (scoped, paged)",
            description = "Filters: fiscalYear, metric, ownerType, ownerId, externalRef, productLine, region, channel, "
                    + "customerSegment. sort=fiscalYear|metric|createdAt|updatedAt,asc|desc. A REP sees their own, a MANAGER their subtree.")
    Mono<Page<TargetSummary>> list(@RequestParam(required = false) Integer fiscalYear, @RequestParam(required = false) String metric,
                                   @RequestParam(required = false) String ownerType, @RequestParam(required = false) UUID ownerId,
                                   @RequestParam(required = false) String externalRef, @RequestParam(required = false) String productLine,
                                   @RequestParam(required = false) String region, @RequestParam(required = false) String channel,
                                   @RequestParam(required = false) String customerSegment,
                                   @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
                                   @RequestParam(defaultValue = "fiscalYear,desc") String sort) {
        String[] sortParts = sort.split(",");
        new FieldCheck().oneOf("metric", metric, names(Metric.values())).oneOf("ownerType", ownerType, names(OwnerType.values()))
                .when(page < 0, "page", "must be 0 or more").when(size < 1 || size > 500, "size", "must be 1..500")
                .when(!SORT_COLUMNS.containsKey(sortParts[0]), "sort", "sortable: " + SORT_COLUMNS.keySet())
                .when(sortParts.length > 1 && !Set.of("asc", "desc").contains(sortParts[1]), "sort", "direction asc or desc")
                .orFail();
        String orderBy = SORT_COLUMNS.get(sortParts[0]) + (sortParts.length > 1 && sortParts[1].equals("asc") ? " ASC" : " DESC");
        TargetStore.ListFilter filter = new TargetStore.ListFilter(fiscalYear, metric == null ? null : Metric.valueOf(metric),
                ownerType == null ? null : OwnerType.valueOf(ownerType), ownerId, externalRef, productLine, region, channel,
                customerSegment);
        return CurrentCaller.require().flatMap(targets::scope).flatMap(scope -> {
            scope.requireScope("targets.read");
            var predicate = TargetService.listPredicate(scope);
            return Mono.zip(store.list(filter, predicate, orderBy, size, (long) page * size).map(TargetSummary::of).collectList(),
                            store.count(filter, predicate))
                    .map(t -> new Page<>(t.getT1(), new PageInfo(page, size, t.getT2(), (int) ((t.getT2() + size - 1) / size))));
        });
    }

    @GetMapping("/api/targets/tree")
    @Operation(summary = "A unit's tree of targets for a year, quarter or month",
            description = "period FY2026 | FY2026-Q1 | FY2026-M03 (default the current fiscal year); metric (default BOOKINGS); "
                    + "each node: target per level, top-down, bottom-up (Σ its children's targets) and the gap. Scoped.")
    Mono<TargetTreeService.Node> tree(@RequestParam UUID unitId, @RequestParam(defaultValue = "BOOKINGS") String metric,
                                      @RequestParam String period, @RequestParam(required = false) String productLine,
                                      @RequestParam(required = false) String region, @RequestParam(required = false) String channel,
                                      @RequestParam(required = false) String customerSegment) {
        new FieldCheck().oneOf("metric", metric, names(Metric.values())).orFail();
        com.quota.calendar.PeriodKey key = PeriodKeys.parse(period, "period");
        return CurrentCaller.require().flatMap(caller -> trees.tree(caller, unitId, Metric.valueOf(metric), key,
                new Dimensions(productLine, region, channel, customerSegment)));
    }

    @GetMapping("/api/targets/{id}")
    @Operation(summary = "A target with its current version, or the version in force on asOf",
            description = "asOf: the latest published version effective on that date (404 when none). Scoped.")
    Mono<ResponseEntity<TargetView>> get(@PathVariable UUID id, @RequestParam(required = false) LocalDate asOf) {
        return CurrentCaller.require().flatMap(caller -> targets.get(caller, id, asOf))
                .map(detail -> ResponseEntity.ok().eTag(etag(detail.target().version())).body(TargetView.of(detail)));
    }

    @GetMapping("/api/targets/{id}/versions")
    @Operation(summary = "Every version of a target, oldest first", description = "Scoped.")
    Mono<List<VersionView>> versions(@PathVariable UUID id) {
        return CurrentCaller.require().flatMap(caller -> targets.versions(caller, id))
                .map(versions -> versions.stream().map(VersionView::of).toList());
    }

    @PutMapping("/api/targets/{id}/amounts")
    @Operation(summary = "Replace a DRAFT's amounts", description = "If-Match required (428/412); not a DRAFT 409.")
    Mono<ResponseEntity<TargetView>> amounts(@PathVariable UUID id, @RequestBody AmountsBody body,
                                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        FieldCheck check = new FieldCheck().required("levels", body.levels());
        Map<TargetLevel, LevelInput> levels = levels(body.levels(), check);
        check.orFail();
        return CurrentCaller.require().flatMap(caller -> targets.editAmounts(caller, id, ifMatch, levels)).map(this::ok);
    }

    @PostMapping("/api/targets/{id}/submit")
    @Operation(summary = "DRAFT → SUBMITTED", description = "The owner (REP own), a MANAGER (own or subtree), DIRECTOR, ADMIN. If-Match required.")
    Mono<ResponseEntity<TargetView>> submit(@PathVariable UUID id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return transition(id, TargetAction.SUBMIT, ifMatch);
    }

    @PostMapping("/api/targets/{id}/approve")
    @Operation(summary = "SUBMITTED → APPROVED", description = "A MANAGER above the owner (never their own), DIRECTOR, ADMIN. If-Match required.")
    Mono<ResponseEntity<TargetView>> approve(@PathVariable UUID id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return transition(id, TargetAction.APPROVE, ifMatch);
    }

    @PostMapping("/api/targets/{id}/reject")
    @Operation(summary = "SUBMITTED or APPROVED → DRAFT", description = "Like approve. If-Match required.")
    Mono<ResponseEntity<TargetView>> reject(@PathVariable UUID id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return transition(id, TargetAction.REJECT, ifMatch);
    }

    @PostMapping("/api/targets/{id}/publish")
    @Operation(summary = "APPROVED → PUBLISHED; emits TargetPublished", description = "DIRECTOR or ADMIN. If-Match required.")
    Mono<ResponseEntity<TargetView>> publish(@PathVariable UUID id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return transition(id, TargetAction.PUBLISH, ifMatch);
    }

    @PostMapping("/api/targets/{id}/revisions")
    @Operation(summary = "Open the next version of a PUBLISHED target (a DRAFT with a reason)",
            description = "The published version stays in force until the new one is published; effectiveFrom defaults to today. If-Match required.")
    Mono<ResponseEntity<TargetView>> revise(@PathVariable UUID id, @RequestBody RevisionBody body,
                                            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        new FieldCheck().required("reason", body.reason()).orFail();
        return CurrentCaller.require().flatMap(caller -> targets.revise(caller, id, ifMatch, body.reason(), body.effectiveFrom()))
                .map(this::ok);
    }

    @PostMapping("/api/targets/{id}/allocations")
    @Operation(summary = "Allocate a unit's target to its children (preview or save)",
            description = "method EQUAL | RATIO | HISTORY (newcomerFloor for children without history), mode NORMALIZED | ADDITIVE "
                    + "with per-child adjustmentPercent; exact by largest remainder; every month allocated by the same weights. "
                    + "children omitted: the unit's direct child units, else its reps. preview=true writes nothing. Saved children "
                    + "are DRAFT targets (a child that is not a DRAFT is 409). All weights zero 422. The answer has every child "
                    + "with its months (about 900 bytes per child); with the header Prefer: return=minimal (RFC 7240) it has only "
                    + "parentTargetId, saved, childCount and gap (header Preference-Applied: return=minimal): read the children "
                    + "back with GET /api/targets/tree or GET /api/targets?ownerId=.")
    Mono<ResponseEntity<AllocationView>> allocate(@PathVariable UUID id, @RequestBody AllocationBody body,
                                                  @io.swagger.v3.oas.annotations.Parameter(description = "return=minimal: answer "
                                                          + "the summary without the children")
                                                  @RequestHeader(value = "Prefer", required = false) String prefer) {
        FieldCheck check = new FieldCheck().required("method", body.method())
                .oneOf("method", body.method(), names(AllocationMethod.values()))
                .oneOf("mode", body.mode(), names(AdjustmentMode.values()));
        List<TargetCommands.AllocationChildInput> children = body.children() == null ? List.of()
                : body.children().stream().map(c -> {
                    check.required("children.ownerType", c.ownerType()).oneOf("children.ownerType", c.ownerType(), names(OwnerType.values()))
                            .required("children.ownerId", c.ownerId());
                    BigDecimal ratio = decimal(check, "children.ratio", c.ratio(), false);
                    BigDecimal adjustment = decimal(check, "children.adjustmentPercent", c.adjustmentPercent(), true);
                    return new TargetCommands.AllocationChildInput(c.ownerType() == null || !names(OwnerType.values()).contains(c.ownerType())
                            ? OwnerType.REP : OwnerType.valueOf(c.ownerType()), c.ownerId(), ratio, adjustment);
                }).toList();
        if ("RATIO".equals(body.method())) {
            check.when(children.isEmpty(), "children", "RATIO needs the children with their ratios");
            children.forEach(c -> check.when(c.ratio() == null, "children.ratio", "RATIO needs a ratio for every child"));
        }
        BigDecimal floor = decimal(check, "newcomerFloor", body.newcomerFloor(), false);
        check.orFail();
        TargetCommands.Allocate request = new TargetCommands.Allocate(AllocationMethod.valueOf(body.method()),
                body.mode() == null ? AdjustmentMode.NORMALIZED : AdjustmentMode.valueOf(body.mode()), children,
                body.historyYear(), floor);
        boolean preview = Boolean.TRUE.equals(body.preview());
        return CurrentCaller.require().flatMap(caller -> store.find(id).map(t -> t.fiscalYear()).defaultIfEmpty(0)
                .flatMap(year -> allocations.allocate(caller, id, request, preview).map(r -> minimal(prefer)
                        ? ResponseEntity.ok().header("Preference-Applied", "return=minimal").body(AllocationView.summary(r))
                        : ResponseEntity.ok(AllocationView.of(year, r)))));
    }

    /** Whether the Prefer header (RFC 7240, a comma-separated list, several headers joined) asks for return=minimal. */
    static boolean minimal(String prefer) {
        if (prefer == null) {
            return false;
        }
        for (String preference : prefer.split(",")) {
            if (preference.strip().replace(" ", "").equalsIgnoreCase("return=minimal")) {
                return true;
            }
        }
        return false;
    }

    @PostMapping("/api/targets/{id}/dimension-splits")
    @Operation(summary = "Allocation by dimension: split a target over the values of a dimension (preview or save)",
            description = "dimension PRODUCT_LINE | REGION | CHANNEL | CUSTOMER_SEGMENT (one the target is not yet narrowed by), "
                    + "splits [{value, percent}] adding up to exactly 100 (over 422 splits-over-100-percent, under 422 "
                    + "splits-under-100-percent). Every level and month split by largest remainder, so the parts add up exactly. "
                    + "Each part is a DRAFT target of the same owner with that dimension value, allocatable down the tree like any "
                    + "other. preview=true writes nothing. MANAGER (own or subtree), DIRECTOR, ADMIN.")
    Mono<TargetViews.DimensionSplitView> splitByDimension(@PathVariable UUID id, @RequestBody TargetViews.DimensionSplitBody body) {
        FieldCheck check = new FieldCheck().required("dimension", body.dimension())
                .oneOf("dimension", body.dimension(), names(TargetDimension.values()))
                .required("splits", body.splits())
                .when(body.splits() != null && body.splits().isEmpty(), "splits", "at least one value");
        List<DimensionSplit.Share> shares = body.splits() == null ? List.of() : body.splits().stream().map(split -> {
            check.required("splits.value", split.value()).required("splits.percent", split.percent());
            BigDecimal percent = decimal(check, "splits.percent", split.percent(), false);
            return new DimensionSplit.Share(split.value() == null ? null : split.value().strip(), percent);
        }).toList();
        check.orFail();
        TargetCommands.SplitByDimension request = new TargetCommands.SplitByDimension(TargetDimension.valueOf(body.dimension()),
                shares);
        boolean preview = Boolean.TRUE.equals(body.preview());
        return CurrentCaller.require().flatMap(caller -> store.find(id).map(t -> t.fiscalYear()).defaultIfEmpty(0)
                .flatMap(year -> allocations.splitByDimension(caller, id, request, preview)
                        .map(r -> TargetViews.DimensionSplitView.of(year, r))));
    }

    @PostMapping("/api/targets/{id}/distribution")
    @Operation(summary = "Spread a DRAFT's levels over the months (preview or save)",
            description = "method EVEN | PROFILE (profileId or 12 weights) | HISTORY (the owner's actuals of historyYear) | "
                    + "MOVING_AVERAGE (n, growthPercent) | SEASONAL: the last two draft new amounts from history for review. "
                    + "Largest remainder, ties to the earlier month. If-Match required unless preview.")
    Mono<ResponseEntity<TargetView>> distribute(@PathVariable UUID id, @RequestBody DistributionBody body,
                                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        FieldCheck check = new FieldCheck().required("method", body.method())
                .oneOf("method", body.method(), names(TargetCommands.DistributionModel.values()))
                .when(body.weights() != null && !body.weights().isEmpty() && body.weights().size() != 12, "weights", "12 weights expected")
                .when(body.n() != null && (body.n() < 1 || body.n() > 12), "n", "must be 1..12");
        List<BigDecimal> weights = body.weights() == null ? null
                : body.weights().stream().map(w -> decimal(check, "weights", w, false)).toList();
        BigDecimal growth = decimal(check, "growthPercent", body.growthPercent(), true);
        check.orFail();
        TargetCommands.Distribute request = new TargetCommands.Distribute(TargetCommands.DistributionModel.valueOf(body.method()),
                body.profileId(), weights, body.historyYear(), body.n(), growth);
        return CurrentCaller.require().flatMap(caller -> allocations.distribute(caller, id, ifMatch, request,
                Boolean.TRUE.equals(body.preview()))).map(this::ok);
    }

    @GetMapping("/api/targets/{id}/bottom-up")
    @Operation(summary = "Top-down vs bottom-up for a node: its target, the sum of its children's and the gap",
            description = "Per year, quarter and month (TARGET level). Children: the direct child units and the reps of the unit, same year, metric and dimensions. Scoped.")
    Mono<BottomUpView> bottomUp(@PathVariable UUID id) {
        return CurrentCaller.require().flatMap(caller -> allocations.bottomUp(caller, id)).map(BottomUpView::of);
    }

    @GetMapping("/api/targets/{id}/audit")
    @Operation(summary = "The audit trail of a target, newest first", description = "Scoped like the target.")
    Mono<Page<?>> audit(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        new FieldCheck().when(page < 0, "page", "must be 0 or more").when(size < 1 || size > 500, "size", "must be 1..500").orFail();
        return CurrentCaller.require().flatMap(caller -> targets.visibleTarget(caller, id))
                .then(Mono.zip(audit.of("Target", id, page, size).collectList(), audit.count("Target", id)))
                .map(t -> new Page<>(t.getT1(), new PageInfo(page, size, t.getT2(), (int) ((t.getT2() + size - 1) / size))));
    }

    private Mono<ResponseEntity<TargetView>> transition(UUID id, TargetAction action, String ifMatch) {
        return CurrentCaller.require().flatMap(caller -> targets.transition(caller, id, action, ifMatch)).map(this::ok);
    }

    private ResponseEntity<TargetView> ok(com.quota.targets.definition.application.TargetDetail detail) {
        return ResponseEntity.ok().eTag(etag(detail.target().version())).body(TargetView.of(detail));
    }

    private static Map<TargetLevel, LevelInput> levels(List<LevelBody> bodies, FieldCheck check) {
        Map<TargetLevel, LevelInput> levels = new EnumMap<>(TargetLevel.class);
        if (bodies == null) {
            return levels;
        }
        for (LevelBody body : bodies) {
            String level = body.level() == null ? "TARGET" : body.level();
            if (!names(TargetLevel.values()).contains(level)) {
                check.add("levels.level", "must be one of " + names(TargetLevel.values()));
                continue;
            }
            BigDecimal annual = decimal(check, "levels.annual", body.annual(), false);
            List<BigDecimal> months = null;
            if (body.months() != null && !body.months().isEmpty()) {
                check.when(body.months().size() != 12, "levels.months", "12 months expected");
                months = body.months().stream().map(m -> decimal(check, "levels.months", m, false)).toList();
            }
            check.when(annual == null && months == null, "levels.annual", "an annual amount or 12 months");
            check.when(levels.containsKey(TargetLevel.valueOf(level)), "levels.level", level + " given twice");
            levels.put(TargetLevel.valueOf(level), new LevelInput(annual, months));
        }
        check.when(!bodies.isEmpty() && !levels.containsKey(TargetLevel.TARGET), "levels", "the TARGET level is required");
        return levels;
    }

    /** A decimal string; negative only when allowed. Reports a bad value on the check and answers null. */
    private static BigDecimal decimal(FieldCheck check, String field, String text, boolean negativeAllowed) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(text.strip());
            if (!negativeAllowed && value.signum() < 0) {
                check.add(field, "must not be negative");
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            check.add(field, "not a decimal number: " + text);
            return null;
        }
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String etag(long version) {
        return "\"" + version + "\"";
    }
}
