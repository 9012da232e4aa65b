package com.quota.targets.settings.web;

import com.quota.resourceserver.CurrentCaller;
import com.quota.resourceserver.Role;
import com.quota.targets.audit.persistence.AuditLog;
import com.quota.targets.settings.persistence.CompanySettingsStore;
import com.quota.targets.settings.persistence.CompanySettingsStore.Settings;
import com.quota.targets.definition.RoleMayNot;
import com.quota.targets.definition.VersionMismatch;
import com.quota.targets.web.FieldCheck;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Currency;
import java.util.UUID;

/** {@code /api/targets/settings}: the company's reporting currency, time zone and fiscal-year start month. */
@RestController
@Tag(name = "settings", description = "Company settings (ADMIN changes them)")
class CompanySettingsController {

    /** The audit entity id of the one settings row. */
    private static final UUID SETTINGS_ID = new UUID(0, 1);

    private final CompanySettingsStore store;
    private final AuditLog audit;
    private final TransactionalOperator transactions;

    CompanySettingsController(CompanySettingsStore store, AuditLog audit, TransactionalOperator transactions) {
        this.store = store;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** The settings as JSON. */
    record SettingsView(String reportingCurrency, String timeZone, int fiscalYearStartMonth, long version) {
        static SettingsView of(Settings s) {
            return new SettingsView(s.reportingCurrency(), s.timeZone(), s.fiscalYearStartMonth(), s.version());
        }
    }

    /** {@code PUT} body. */
    record SettingsBody(String reportingCurrency, String timeZone, Integer fiscalYearStartMonth) {
    }

    @GetMapping("/api/targets/settings")
    @Operation(summary = "The company settings", description = "Any authenticated caller may read them.")
    Mono<ResponseEntity<SettingsView>> get() {
        return CurrentCaller.require().then(store.get())
                .map(s -> ResponseEntity.ok().eTag("\"" + s.version() + "\"").body(SettingsView.of(s)));
    }

    @PutMapping("/api/targets/settings")
    @Operation(summary = "Change the company settings", description = "ADMIN only; If-Match required (428/412).")
    Mono<ResponseEntity<SettingsView>> put(@RequestBody SettingsBody body,
                                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return CurrentCaller.require().flatMap(caller -> {
            if (!caller.hasRole(Role.ADMIN)) {
                throw new RoleMayNot("only an ADMIN may change the company settings");
            }
            new FieldCheck().required("reportingCurrency", body.reportingCurrency()).required("timeZone", body.timeZone())
                    .required("fiscalYearStartMonth", body.fiscalYearStartMonth())
                    .when(body.reportingCurrency() != null && !isCurrency(body.reportingCurrency()), "reportingCurrency", "not an ISO 4217 code")
                    .when(body.timeZone() != null && !isZone(body.timeZone()), "timeZone", "not a time zone id")
                    .when(body.fiscalYearStartMonth() != null && (body.fiscalYearStartMonth() < 1 || body.fiscalYearStartMonth() > 12),
                            "fiscalYearStartMonth", "must be 1..12")
                    .orFail();
            return transactions.transactional(store.get().flatMap(before -> {
                VersionMismatch.check(ifMatch, before.version());
                Settings after = new Settings(body.reportingCurrency(), body.timeZone(), body.fiscalYearStartMonth(), before.version() + 1);
                return store.update(after, before.version()).flatMap(rows -> {
                    if (rows == 0) {
                        return Mono.error(VersionMismatch.stale(before.version()));
                    }
                    return audit.record(caller, "settings.changed", "CompanySettings", SETTINGS_ID, before, after, null)
                            .thenReturn(after);
                });
            }));
        }).map(s -> ResponseEntity.ok().eTag("\"" + s.version() + "\"").body(SettingsView.of(s)));
    }

    private static boolean isCurrency(String code) {
        try {
            return Currency.getInstance(code) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isZone(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
