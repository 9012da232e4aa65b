package com.quota.targets.attainment.web;

import com.quota.api.concurrency.Versions;
import com.quota.api.problem.ApiProblem;
import com.quota.calendar.FiscalCalendar;
import com.quota.orgdirectory.scope.CallerScope;
import com.quota.orgdirectory.scope.ScopeResolver;
import com.quota.resourceserver.CurrentCaller;
import com.quota.resourceserver.Role;
import com.quota.targets.attainment.PaceAlertSettings;
import com.quota.targets.attainment.application.CompanyCalendar;
import com.quota.targets.attainment.persistence.PaceAlertStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Behind-pace alerts: the stored thresholds (read by ADMIN and DIRECTOR, changed by ADMIN with If-Match) and the
 * owners currently behind pace in the caller's scope.
 */
@RestController
@RequestMapping(path = "/api/attainment", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "attainment", description = "Actual against target, pace and run-rate, drillable to the source events")
class AttainmentAlertsController {

    private static final String READ_SCOPE = "attainment.read";

    private final PaceAlertStore alerts;
    private final ScopeResolver scopes;
    private final CompanyCalendar company;
    private final TransactionalOperator tx;

    AttainmentAlertsController(PaceAlertStore alerts, ScopeResolver scopes, CompanyCalendar company,
                               TransactionalOperator tx) {
        this.alerts = alerts;
        this.scopes = scopes;
        this.company = company;
        this.tx = tx;
    }

    /**
     * The thresholds: behind pace when pace % is below thresholdPercent after minimumElapsedPercent of the period;
     * judged daily, and for the owners a credit changed right after it when evaluateOnChange.
     */
    record AlertSettingsView(String thresholdPercent, String minimumElapsedPercent, boolean evaluateOnChange, long version) {
        static AlertSettingsView of(PaceAlertStore.StoredSettings stored) {
            return new AlertSettingsView(stored.settings().thresholdPercent().stripTrailingZeros().toPlainString(),
                    stored.settings().minimumElapsedPercent().stripTrailingZeros().toPlainString(),
                    stored.evaluateOnChange(), stored.version());
        }
    }

    /** A change of the thresholds; evaluateOnChange defaults to true. */
    record AlertSettingsBody(String thresholdPercent, String minimumElapsedPercent, Boolean evaluateOnChange) {
    }

    @GetMapping("/alert-settings")
    @Operation(summary = "The behind-pace thresholds", description = "ADMIN or DIRECTOR. ETag carries the version.")
    Mono<ResponseEntity<AlertSettingsView>> settings() {
        return CurrentCaller.require()
                .flatMap(caller -> caller.hasAnyRole(Role.ADMIN, Role.DIRECTOR) ? alerts.settings()
                        : Mono.error(new AccessDeniedException("ADMIN or DIRECTOR only")))
                .map(stored -> Versions.withEtag(ResponseEntity.ok(), stored.version()).body(AlertSettingsView.of(stored)));
    }

    @PutMapping(path = "/alert-settings", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change the behind-pace thresholds",
            description = "ADMIN only, If-Match with the current version (428 without, 412 when stale). The daily run, "
                    + "the judgement after every change (unless evaluateOnChange is false) and every evaluation without "
                    + "explicit thresholds use them from then on.")
    Mono<ResponseEntity<AlertSettingsView>> changeSettings(@RequestBody(required = false) AlertSettingsBody body,
                                                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return CurrentCaller.require().flatMap(caller -> {
            if (!caller.hasRole(Role.ADMIN)) {
                return Mono.error(new AccessDeniedException("ADMIN only"));
            }
            PaceAlertSettings settings = parse(body);
            long expected = Versions.expectedVersion(ifMatch);
            boolean onChange = body == null || body.evaluateOnChange() == null || body.evaluateOnChange();
            return tx.transactional(alerts.updateSettings(settings, onChange, expected, caller.sub())
                    .doOnNext(Versions::requireUpdated)
                    .then(alerts.settings()))
                    .map(stored -> Versions.withEtag(ResponseEntity.ok(), stored.version()).body(AlertSettingsView.of(stored)));
        });
    }

    private static PaceAlertSettings parse(AlertSettingsBody body) {
        if (body == null) {
            throw ApiProblem.invalidField("thresholdPercent", "is required");
        }
        BigDecimal threshold = decimal("thresholdPercent", body.thresholdPercent());
        BigDecimal elapsed = decimal("minimumElapsedPercent", body.minimumElapsedPercent());
        if (threshold.signum() <= 0 || threshold.compareTo(new BigDecimal("10000")) >= 0 || threshold.scale() > 2) {
            throw ApiProblem.invalidField("thresholdPercent", "must be above 0 and below 10000, at most 2 decimals");
        }
        if (elapsed.signum() < 0 || elapsed.compareTo(BigDecimal.valueOf(100)) > 0 || elapsed.scale() > 2) {
            throw ApiProblem.invalidField("minimumElapsedPercent", "must be 0..100, at most 2 decimals");
        }
        return new PaceAlertSettings(threshold, elapsed);
    }

    private static BigDecimal decimal(String field, String text) {
        if (text == null || text.isBlank()) {
            throw ApiProblem.invalidField(field, "is required");
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField(field, "not a number");
        }
    }

    /** One owner behind pace for a period (as of the last evaluation). */
    record AlertView(OwnerView owner, String metric, String periodKey, String thresholdPercent, String pacePercent,
                     String behindSince, String evaluatedOn) {
        static AlertView of(PaceAlertStore.CurrentAlert a) {
            return new AlertView(new OwnerView(a.owner().type().name(), a.owner().id().toString()), a.metric().name(),
                    a.periodKey(), a.thresholdPercent().stripTrailingZeros().toPlainString(),
                    a.pacePercent() == null ? null : a.pacePercent().toPlainString(),
                    a.behindSince() == null ? null : a.behindSince().toString(), a.evaluatedOn().toString());
        }
    }

    /** An owner: REP or UNIT and its id. */
    record OwnerView(String type, String id) {
    }

    /** The current alerts of a scope. */
    record AlertsView(String asOf, List<String> periods, String thresholdPercent, List<AlertView> alerts) {
    }

    @GetMapping("/alerts")
    @Operation(summary = "Owners behind pace now, in the caller's scope",
            description = "For the month and the quarter containing asOf (default today): every rep and unit whose "
                    + "last evaluation at the stored threshold left it behind pace, furthest behind first. A REP sees "
                    + "their own, a MANAGER their subtree's, ADMIN and DIRECTOR all; an integration needs attainment.read.")
    Mono<AlertsView> current(@RequestParam(name = "asOf", required = false) String asOfText) {
        LocalDate asOf;
        try {
            asOf = asOfText == null || asOfText.isBlank() ? company.today() : LocalDate.parse(asOfText.trim());
        } catch (DateTimeParseException e) {
            return Mono.error(ApiProblem.invalidField("asOf", "not a date (yyyy-MM-dd)"));
        }
        FiscalCalendar fiscal = company.fiscal();
        List<String> periods = List.of(fiscal.monthOf(asOf).toString(), fiscal.quarterOf(asOf).toString());
        return scopes.resolveCurrent(asOf)
                .doOnNext(scope -> scope.requireScope(READ_SCOPE))
                .zipWith(alerts.settings())
                .flatMap(t -> {
                    CallerScope scope = t.getT1();
                    BigDecimal threshold = t.getT2().settings().thresholdPercent();
                    return alerts.behind(periods, threshold, scope.isAll() ? null : scope.visibleRepIds(),
                                    scope.isAll() ? null : scope.visibleUnitIds())
                            .map(AlertView::of).collectList()
                            .map(list -> new AlertsView(asOf.toString(), periods,
                                    threshold.stripTrailingZeros().toPlainString(), list));
                });
    }
}
