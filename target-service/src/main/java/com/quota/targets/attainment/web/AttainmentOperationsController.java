package com.quota.targets.attainment.web;

import com.quota.resourceserver.CurrentCaller;
import com.quota.resourceserver.Role;
import com.quota.targets.attainment.Owner;
import com.quota.targets.attainment.PaceAlertSettings;
import com.quota.api.problem.ApiProblem;
import com.quota.targets.attainment.application.LedgerRebuild;
import com.quota.targets.attainment.application.MembershipRederivation;
import com.quota.targets.attainment.application.PaceEvaluation;
import com.quota.targets.attainment.application.OrgPlacement;
import com.quota.targets.attainment.persistence.AttainmentLedgerStore;
import com.quota.targets.attainment.persistence.PaceAlertStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * Operations on the attainment ledger (ADMIN): judge pace and raise behind-pace alerts, re-derive a rep's unit roll-up after a back-dated membership change,
 * and check that every stored counter equals the Σ of the ledger lines behind it.
 */
@RestController
@RequestMapping(path = "/api/attainment", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "attainment", description = "Actual against target, pace and run-rate, drillable to the source events")
class AttainmentOperationsController {

    private final MembershipRederivation rederivation;
    private final AttainmentLedgerStore store;
    private final OrgPlacement org;
    private final PaceEvaluation pace;
    private final PaceAlertStore alertSettings;
    private final LedgerRebuild rebuild;

    AttainmentOperationsController(MembershipRederivation rederivation, AttainmentLedgerStore store, OrgPlacement org,
                                   PaceEvaluation pace, PaceAlertStore alertSettings, LedgerRebuild rebuild) {
        this.rederivation = rederivation;
        this.store = store;
        this.org = org;
        this.pace = pace;
        this.alertSettings = alertSettings;
        this.rebuild = rebuild;
    }

    @PostMapping(path = "/rebuilds", produces = MediaType.APPLICATION_NDJSON_VALUE)
    @Operation(summary = "Rebuild the ledger from the source topics and compare it with the live one",
            description = "Replays pipeline.opportunity.v1 and contracts.contract.v1 from offset 0 (no consumer group, "
                    + "no inbox) into an empty scratch schema with the live crediting code, then compares every "
                    + "counter and every source event's lines with the live tables. Streams its progress as NDJSON; "
                    + "the last line says identical or different (with up to 1,000 differences of each kind). ADMIN "
                    + "only; 409 while one runs. The live ledger is not changed.")
    Flux<LedgerRebuild.Progress> rebuild() {
        return admin().thenMany(Flux.defer(rebuild::run))
                .onErrorMap(IllegalStateException.class, e -> ApiProblem.conflict(e.getMessage()));
    }

    /** A pace evaluation request: as of which date, with which threshold and minimum elapsed share. */
    record PaceEvaluationRequest(String asOf, String thresholdPercent, String minimumElapsedPercent) {
    }

    /** What a pace evaluation found. */
    record PaceEvaluationView(String asOf, String thresholdPercent, String minimumElapsedPercent, int judged,
                              int behindPace, int backOnPace) {
    }

    @PostMapping(path = "/pace-evaluations", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Judge pace and raise behind-pace alerts",
            description = "For every owner × metric with a target, the month and quarter containing asOf (default: "
                    + "today in the company time zone): "
                    + "AttainmentBehindPace when pace % drops below thresholdPercent (default: the stored setting) after "
                    + "minimumElapsedPercent (default: the stored setting) of the period, AttainmentBackOnPace on recovery, once per "
                    + "owner × period × crossing. ADMIN only (the daily run). One short set-based transaction; 409 "
                    + "when another evaluation holds the same owners' pace for more than 10 s.")
    Mono<PaceEvaluationView> evaluatePace(@RequestBody(required = false) PaceEvaluationRequest body) {
        PaceEvaluationRequest request = body == null ? new PaceEvaluationRequest(null, null, null) : body;
        return admin().then(Mono.defer(() -> {
            LocalDate asOf;
            try {
                asOf = request.asOf() == null || request.asOf().isBlank() ? pace.today()
                        : LocalDate.parse(request.asOf().trim());
            } catch (DateTimeParseException e) {
                throw AttainmentController.invalid("asOf", "not a date (yyyy-MM-dd)");
            }
            return alertSettings.settings().flatMap(stored -> {
                PaceAlertSettings settings;
                try {
                    settings = new PaceAlertSettings(
                            decimal(request.thresholdPercent(), stored.settings().thresholdPercent()),
                            decimal(request.minimumElapsedPercent(), stored.settings().minimumElapsedPercent()));
                } catch (IllegalArgumentException e) {
                    throw AttainmentController.invalid("thresholdPercent", e.getMessage());
                }
                return pace.evaluate(asOf, settings).map(o -> new PaceEvaluationView(asOf.toString(),
                        settings.thresholdPercent().toPlainString(), settings.minimumElapsedPercent().toPlainString(),
                        o.judged(), o.behindPace(), o.backOnPace()))
                        .onErrorMap(PaceEvaluation::isLockWaitTimeout,
                                e -> ApiProblem.conflict("another pace evaluation holds these owners' pace; try again"));
            });
        }));
    }

    private static BigDecimal decimal(String text, BigDecimal defaultValue) {
        return text == null || text.isBlank() ? defaultValue : new BigDecimal(text.trim());
    }

    /** The request: whose credit, from which credit date on. */
    record RederivationRequest(String repId, String from) {
    }

    /** What moved. */
    record RederivationView(String repId, String from, int linesMoved, int countersChanged) {
    }

    /** A counter that differs from the ledger, and by how much (ledger − counter). */
    /** Named apart from the rebuild comparison's {@code CounterDifference} (springdoc names a schema by simple name). */
    @Schema(name = "LedgerCheckDifference")
    record CounterDifference(String ownerType, String ownerId, String metric, String month, String difference) {
    }

    @PostMapping(path = "/rederivations", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Re-derive a rep's roll-up after a back-dated membership change",
            description = "Places every line of the rep credited on or after `from` again by membership on its credit "
                    + "date and moves the amounts between unit counters. Idempotent. ADMIN only.")
    Mono<RederivationView> rederive(@RequestBody RederivationRequest request) {
        return admin().then(Mono.defer(() -> {
            if (request == null) {
                throw AttainmentController.invalid("repId", "is required");
            }
            UUID repId;
            try {
                repId = UUID.fromString(String.valueOf(request.repId()));
            } catch (IllegalArgumentException e) {
                throw AttainmentController.invalid("repId", "not a UUID");
            }
            LocalDate from;
            try {
                from = LocalDate.parse(String.valueOf(request.from()));
            } catch (DateTimeParseException e) {
                throw AttainmentController.invalid("from", "not a date (yyyy-MM-dd)");
            }
            return org.knows(Owner.rep(repId))
                    .flatMap(known -> known ? rederivation.rederive(repId, from)
                            : Mono.error(AttainmentController.notFound("rep " + repId)))
                    .map(outcome -> new RederivationView(repId.toString(), from.toString(), outcome.linesMoved(),
                            outcome.countersChanged()));
        }));
    }

    @GetMapping("/ledger-check")
    @Operation(summary = "Counters that differ from the ledger",
            description = "Every owner × metric × month total whose stored counter differs from the Σ of the ledger "
                    + "lines rolled up to it; empty when counters and ledger agree. ADMIN only.")
    Mono<List<CounterDifference>> ledgerCheck() {
        return admin().thenMany(store.countersDifferingFromLedger())
                .map(c -> new CounterDifference(c.owner().type().name(), c.owner().id().toString(), c.metric().name(),
                        c.month().toString(), c.amount().toPlainString()))
                .collectList();
    }

    private static Mono<Void> admin() {
        return CurrentCaller.require().flatMap(caller -> caller.hasRole(Role.ADMIN) ? Mono.<Void>empty()
                : Mono.error(new AccessDeniedException("ADMIN only")));
    }
}
