package com.quota.pipeline.fx.application;

import com.quota.pipeline.company.CompanyTime;
import com.quota.pipeline.failure.ForbiddenException;
import com.quota.pipeline.failure.InvalidInputException;
import com.quota.pipeline.failure.RuleViolationException;
import com.quota.pipeline.opportunity.FxQuote;
import com.quota.resourceserver.Caller;
import com.quota.resourceserver.Role;
import com.quota.pipeline.audit.application.PipelineAudit;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;

/** The rate table: set a rate for a currency from a date; the rate in force on a date is the latest one on or before it. */
@Service
public class FxRates {

    /** One entry of the table. */
    public record FxRateEntry(String currency, LocalDate rateDate, BigDecimal rate) {
    }

    private final DatabaseClient db;
    private final CompanyTime company;

    public FxRates(DatabaseClient db, CompanyTime company, TransactionalOperator tx, PipelineAudit audit) {
        this.db = db;
        this.company = company;
        this.tx = tx;
        this.audit = audit;
    }

    private final TransactionalOperator tx;
    private final PipelineAudit audit;

    /** A currency's code checked as the API takes it (400 when it is not a money currency). */
    public static String currencyCode(String code) {
        return currency(code).getCurrencyCode();
    }

    /** Sets (or corrects) the rate of {@code currency} from {@code date}. ADMIN, DIRECTOR or an integration with fx-rates.write. */
    public Mono<FxRateEntry> put(Caller caller, String currency, LocalDate date, BigDecimal rate) {
        return Mono.defer(() -> {
            if (!caller.hasAnyRole(Role.ADMIN, Role.DIRECTOR) && !caller.hasScope("fx-rates.write")) {
                throw new ForbiddenException("only ADMIN, DIRECTOR or an integration with fx-rates.write set rates");
            }
            Currency c = currency(currency);
            if (c.equals(company.reportingCurrency())) {
                throw new RuleViolationException("fx-rate-invalid", "the reporting currency's rate is always 1");
            }
            if (rate == null || rate.signum() <= 0 || rate.stripTrailingZeros().scale() > 10) {
                throw new InvalidInputException("rate", "must be positive with at most 10 decimals");
            }
            FxRateEntry after = new FxRateEntry(c.getCurrencyCode(), date, rate.stripTrailingZeros());
            // the entry it replaces (a correction of that day's rate), if any, is the audit's "before"
            Mono<java.util.Optional<FxRateEntry>> before = db.sql("SELECT rate FROM fx_rate WHERE currency = :c AND rate_date = :d")
                    .bind("c", c.getCurrencyCode()).bind("d", date)
                    .map(r -> java.util.Optional.of(new FxRateEntry(c.getCurrencyCode(), date, r.get("rate", BigDecimal.class).stripTrailingZeros())))
                    .one().defaultIfEmpty(java.util.Optional.empty());
            return before.flatMap(previous -> db.sql("""
                                    INSERT INTO fx_rate (currency, rate_date, rate) VALUES (:c, :d, :r)
                                    ON CONFLICT (currency, rate_date) DO UPDATE SET rate = excluded.rate, created_at = now()""")
                            .bind("c", c.getCurrencyCode()).bind("d", date).bind("r", rate).then()
                            .then(audit.record(caller, previous.isPresent() ? "CORRECT_RATE" : "SET_RATE", PipelineAudit.FX_RATE,
                                    PipelineAudit.fxRateId(c.getCurrencyCode()), previous.orElse(null), after, null)))
                    .as(tx::transactional)
                    .thenReturn(after);
        });
    }

    public Flux<FxRateEntry> list(String currency) {
        String sql = "SELECT currency, rate_date, rate FROM fx_rate"
                + (currency == null ? "" : " WHERE currency = :c") + " ORDER BY currency, rate_date DESC";
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql);
        if (currency != null) {
            spec = spec.bind("c", currency(currency).getCurrencyCode());
        }
        return spec.map(r -> new FxRateEntry(r.get("currency", String.class), r.get("rate_date", LocalDate.class),
                r.get("rate", BigDecimal.class).stripTrailingZeros())).all();
    }

    /** The rate in force on {@code date}; 422 {@code fx-rate-missing} when the table has none. */
    public Mono<FxQuote> quote(Currency from, LocalDate date) {
        if (from.equals(company.reportingCurrency())) {
            return Mono.just(FxQuote.identity(from, date));
        }
        return db.sql("SELECT rate, rate_date FROM fx_rate WHERE currency = :c AND rate_date <= :d ORDER BY rate_date DESC LIMIT 1")
                .bind("c", from.getCurrencyCode()).bind("d", date)
                .map(r -> new FxQuote(from, company.reportingCurrency(), r.get("rate", BigDecimal.class).stripTrailingZeros(),
                        r.get("rate_date", LocalDate.class)))
                .one()
                .switchIfEmpty(Mono.error(() -> new RuleViolationException("fx-rate-missing",
                        "no FX rate for " + from.getCurrencyCode() + " on or before " + date + "; add one at /api/fx-rates")));
    }

    static Currency currency(String code) {
        try {
            if (code == null || !code.matches("[A-Z]{3}")) {
                throw new IllegalArgumentException();
            }
            Currency currency = Currency.getInstance(code);
            if (currency.getDefaultFractionDigits() < 0) {
                // XXX, XAU and the like are codes without a minor unit, not money
                throw new IllegalArgumentException();
            }
            return currency;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("currency", "must be an ISO 4217 code such as USD");
        }
    }
}
