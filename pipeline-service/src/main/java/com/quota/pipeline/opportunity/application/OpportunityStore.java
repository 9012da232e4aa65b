package com.quota.pipeline.opportunity.application;

import com.quota.pipeline.company.CompanyTime;
import com.quota.pipeline.opportunity.Dimensions;
import com.quota.pipeline.opportunity.FxQuote;
import com.quota.pipeline.opportunity.Opportunity;
import com.quota.pipeline.opportunity.OpportunityStatus;
import com.quota.pipeline.opportunity.OwnerShare;
import com.quota.pipeline.opportunity.Owners;
import com.quota.pipeline.opportunity.StageVisit;
import com.quota.pipeline.pipeline.ForecastCategory;
import com.quota.pipeline.pipeline.Pipeline;
import com.quota.pipeline.pipeline.Stage;
import com.quota.pipeline.pipeline.StageOutcome;
import com.quota.pipeline.pipeline.application.PipelineStore;
import com.quota.pipeline.persistence.Binds;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Opportunities with owners, stage history, ownership history and activities in PostgreSQL. */
@Repository
public class OpportunityStore {

    private final DatabaseClient db;
    private final PipelineStore pipelines;
    // the reporting currency is not stored per row: the company has one, and the won amount is in it
    private final Currency reportingCurrency;
    // the suspension day is a company-zone date (the forecast asks "suspended on or before asOf?")
    private final CompanyTime company;

    public OpportunityStore(DatabaseClient db, PipelineStore pipelines, CompanyTime company) {
        this.db = db;
        this.pipelines = pipelines;
        this.reportingCurrency = company.reportingCurrency();
        this.company = company;
    }

    public Mono<Void> insert(Opportunity o, LocalDate createdOn) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO opportunity (id, account_id, pipeline_id, title, amount, currency, expected_close_date,
                            product_line, region, channel, customer_segment, stage_id, stage_entered_on, status, external_ref, created_on)
                        VALUES (:id, :account, :pipeline, :title, :amount, :currency, :close, :productLine, :region, :channel,
                            :segment, :stage, :entered, :status, :ref, :createdOn)""")
                .bind("id", o.id()).bind("account", o.accountId()).bind("pipeline", o.pipeline().id())
                .bind("createdOn", createdOn);
        spec = Binds.nullable(spec, "ref", o.externalRef(), String.class);
        return fields(spec, o).then()
                .then(replaceOwners(o.id(), o.owners(), false))
                .then(writeHistory(o, 0))
                .then(refreshFunnelFacts(o.id()));
    }

    /**
     * Rewrites the deal's funnel facts (V7) from its row and stage history; called in the transaction of every write of
     * the deal, after its history is written, so the funnel's fast path never sees a deal half-changed.
     */
    public Mono<Void> refreshFunnelFacts(UUID id) {
        return db.sql("DELETE FROM funnel_stay WHERE id = :id").bind("id", id).then()
                .then(db.sql("""
                                INSERT INTO funnel_stay (id, stage_id, pipeline_id, created_on, stays, days)
                                SELECT id, stage_id, pipeline_id, created_on, stays, days FROM funnel_stay_source WHERE id = :id""")
                        .bind("id", id).then())
                .then(db.sql("""
                                INSERT INTO funnel_deal (id, pipeline_id, created_on, last_day, open_stages_entered, outcome,
                                    cycle_days, currency, amount, won_reporting_amount, loss_reason, competitor)
                                SELECT id, pipeline_id, created_on, last_day, open_stages_entered, outcome, cycle_days, currency,
                                       amount, won_reporting_amount, loss_reason, competitor
                                FROM funnel_deal_source WHERE id = :id
                                ON CONFLICT (id) DO UPDATE SET pipeline_id = excluded.pipeline_id,
                                    created_on = excluded.created_on, last_day = excluded.last_day,
                                    open_stages_entered = excluded.open_stages_entered, outcome = excluded.outcome,
                                    cycle_days = excluded.cycle_days, currency = excluded.currency, amount = excluded.amount,
                                    won_reporting_amount = excluded.won_reporting_amount, loss_reason = excluded.loss_reason,
                                    competitor = excluded.competitor""")
                        .bind("id", id).then());
    }

    /** Writes the opportunity's state if its version is still {@code expectedVersion}; emits the rows changed (0 or 1). */
    public Mono<Long> update(StoredOpportunity stored, String winReason, String lossReason, String competitor) {
        Opportunity o = stored.opportunity();
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        UPDATE opportunity SET title = :title, amount = :amount, currency = :currency,
                            expected_close_date = :close, product_line = :productLine, region = :region, channel = :channel,
                            customer_segment = :segment, stage_id = :stage, stage_entered_on = :entered, status = :status,
                            close_date = :closeDate, won_fx_rate = :fxRate, won_fx_rate_date = :fxDate,
                            won_reporting_amount = :reporting, win_reason = :winReason, loss_reason = :lossReason,
                            competitor = :competitor, version = version + 1, updated_at = now(),
                            suspended_on = CASE WHEN :status <> 'SUSPENDED' THEN NULL WHEN status = 'SUSPENDED'
                                THEN suspended_on ELSE CAST(:today AS date) END,
                            terminated_on = CASE WHEN :status = 'TERMINATED' AND status <> 'TERMINATED'
                                THEN CAST(:today AS date) ELSE terminated_on END,
                            archived_on = CASE WHEN :status = 'ARCHIVED' AND status <> 'ARCHIVED'
                                THEN CAST(:today AS date) ELSE archived_on END
                        WHERE id = :id AND version = :v""")
                .bind("id", o.id()).bind("v", stored.version()).bind("today", company.today());
        spec = Binds.nullable(spec, "closeDate", o.closeDate(), LocalDate.class);
        spec = Binds.nullable(spec, "fxRate", o.wonFx() == null ? null : o.wonFx().rate(), BigDecimal.class);
        spec = Binds.nullable(spec, "fxDate", o.wonFx() == null ? null : o.wonFx().rateDate(), LocalDate.class);
        spec = Binds.nullable(spec, "reporting", o.wonReportingAmount(), BigDecimal.class);
        spec = Binds.nullable(spec, "winReason", winReason, String.class);
        spec = Binds.nullable(spec, "lossReason", lossReason, String.class);
        spec = Binds.nullable(spec, "competitor", competitor, String.class);
        return fields(spec, o).fetch().rowsUpdated()
                .flatMap(rows -> rows == 0 ? Mono.just(rows) : recordSuspension(o.id(), o.status().name()).thenReturn(rows));
    }

    /**
     * Keeps the suspension history: a deal that is suspended now and has no open suspension starts one today; a deal
     * that is no longer suspended ends its open one today (reactivated, terminated or archived).
     */
    private Mono<Void> recordSuspension(UUID id, String status) {
        LocalDate today = company.today();
        if ("SUSPENDED".equals(status)) {
            return db.sql("""
                            INSERT INTO opportunity_suspension (opportunity_id, suspended_on)
                            SELECT :id, :today WHERE NOT EXISTS (SELECT 1 FROM opportunity_suspension
                                                                 WHERE opportunity_id = :id AND ended_on IS NULL)
                            ON CONFLICT (opportunity_id, suspended_on) DO UPDATE SET ended_on = NULL""")
                    .bind("id", id).bind("today", today).then();
        }
        return db.sql("UPDATE opportunity_suspension SET ended_on = :today WHERE opportunity_id = :id AND ended_on IS NULL")
                .bind("id", id).bind("today", today).then();
    }

    private DatabaseClient.GenericExecuteSpec fields(DatabaseClient.GenericExecuteSpec spec, Opportunity o) {
        spec = spec.bind("title", o.title()).bind("amount", o.amount()).bind("currency", o.currency().getCurrencyCode())
                .bind("stage", o.stage().id()).bind("entered", o.stageEnteredOn()).bind("status", o.status().name());
        spec = Binds.nullable(spec, "close", o.expectedCloseDate(), LocalDate.class);
        spec = Binds.nullable(spec, "productLine", o.dimensions().productLine(), String.class);
        spec = Binds.nullable(spec, "region", o.dimensions().region(), String.class);
        spec = Binds.nullable(spec, "channel", o.dimensions().channel(), String.class);
        return Binds.nullable(spec, "segment", o.dimensions().customerSegment(), String.class);
    }

    public Mono<Void> replaceOwners(UUID opportunityId, Owners owners, boolean deleteFirst) {
        Mono<Void> delete = deleteFirst
                ? db.sql("DELETE FROM opportunity_owner WHERE opportunity_id = :id").bind("id", opportunityId).then()
                : Mono.empty();
        return delete.thenMany(Flux.range(0, owners.shares().size()).concatMap(i -> {
            OwnerShare share = owners.shares().get(i);
            return db.sql("""
                            INSERT INTO opportunity_owner (opportunity_id, rep_id, split_percent, is_primary, position)
                            VALUES (:id, :rep, :split, :primary, :position)""")
                    .bind("id", opportunityId).bind("rep", share.repId()).bind("split", share.splitPercent())
                    .bind("primary", share.primary()).bind("position", i).then();
        })).then();
    }

    /** Writes stage visits from index {@code from} on (the last stored visit may have been left since). */
    public Mono<Void> writeHistory(Opportunity o, int from) {
        List<StageVisit> visits = o.stageHistory();
        return Flux.range(Math.max(0, from), Math.max(0, visits.size() - Math.max(0, from))).concatMap(i -> {
            StageVisit v = visits.get(i);
            Stage s = v.stage();
            DatabaseClient.GenericExecuteSpec spec = db.sql("""
                            INSERT INTO opportunity_stage_history (id, opportunity_id, seq, stage_id, stage_code, stage_name,
                                probability, forecast_category, expected_days, conversion_rate, closed_as, entered_on, entered_at,
                                left_on, left_at)
                            VALUES (gen_random_uuid(), :id, :seq, :stage, :code, :name, :probability, :category, :days, :rate,
                                :closedAs, :enteredOn, :enteredAt, :leftOn, :leftAt)
                            ON CONFLICT (opportunity_id, seq) DO UPDATE SET left_on = excluded.left_on, left_at = excluded.left_at""")
                    .bind("id", o.id()).bind("seq", i).bind("stage", s.id()).bind("code", s.code()).bind("name", s.name())
                    .bind("probability", s.probability()).bind("category", s.forecastCategory().name())
                    .bind("days", s.expectedDays()).bind("enteredOn", v.enteredOn()).bind("enteredAt", v.enteredAt());
            spec = Binds.nullable(spec, "rate", s.conversionRate(), BigDecimal.class);
            spec = Binds.nullable(spec, "closedAs", s.closedAs() == null ? null : s.closedAs().name(), String.class);
            spec = Binds.nullable(spec, "leftOn", v.leftOn(), LocalDate.class);
            return Binds.nullable(spec, "leftAt", v.leftAt(), Instant.class).then();
        }).then();
    }

    public Mono<Void> ownershipChange(UUID opportunityId, String kind, String previousJson, String ownersJson, String reason,
                                      LocalDate effectiveDate, String actor, Instant at) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO opportunity_ownership_history (id, opportunity_id, kind, previous_owners, owners, reason,
                            effective_date, actor, at)
                        VALUES (gen_random_uuid(), :id, :kind, :previous, :owners, :reason, :effective, :actor, :at)""")
                .bind("id", opportunityId).bind("kind", kind).bind("owners", Json.of(ownersJson))
                .bind("effective", effectiveDate).bind("actor", actor).bind("at", at);
        spec = Binds.nullable(spec, "previous", previousJson == null ? null : Json.of(previousJson), Json.class);
        return Binds.nullable(spec, "reason", reason, String.class).then();
    }

    public Flux<OwnershipRecord> ownershipHistory(UUID opportunityId) {
        return db.sql("SELECT * FROM opportunity_ownership_history WHERE opportunity_id = :id ORDER BY at, id")
                .bind("id", opportunityId)
                .map(r -> new OwnershipRecord(r.get("kind", String.class), json(r, "previous_owners"), json(r, "owners"),
                        r.get("reason", String.class), r.get("effective_date", LocalDate.class), r.get("actor", String.class),
                        r.get("at", Instant.class)))
                .all();
    }

    private static String json(Readable r, String column) {
        Json value = r.get(column, Json.class);
        return value == null ? null : value.asString();
    }

    public Mono<Void> addActivity(UUID opportunityId, ActivityRecord a) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO opportunity_activity (id, opportunity_id, kind, subject, occurred_on, cost_amount,
                            cost_currency, reporting_cost_amount, reporting_currency, fx_rate, fx_rate_date, actor, created_at)
                        VALUES (:id, :opportunity, :kind, :subject, :on, :cost, :currency, :reportingCost, :reportingCurrency,
                                :fxRate, :fxRateDate, :actor, :at)""")
                .bind("id", a.id()).bind("opportunity", opportunityId).bind("kind", a.kind()).bind("subject", a.subject())
                .bind("on", a.occurredOn()).bind("actor", a.actor()).bind("at", a.createdAt());
        spec = Binds.nullable(spec, "cost", a.costAmount(), BigDecimal.class);
        spec = Binds.nullable(spec, "reportingCost", a.reportingCostAmount(), BigDecimal.class);
        spec = Binds.nullable(spec, "reportingCurrency", a.reportingCurrency(), String.class);
        spec = Binds.nullable(spec, "fxRate", a.fxRate(), BigDecimal.class);
        spec = Binds.nullable(spec, "fxRateDate", a.fxRateDate(), LocalDate.class);
        return Binds.nullable(spec, "currency", a.costCurrency(), String.class).then();
    }

    public Flux<ActivityRecord> activities(UUID opportunityId) {
        return db.sql("SELECT * FROM opportunity_activity WHERE opportunity_id = :id ORDER BY occurred_on, created_at, id")
                .bind("id", opportunityId)
                .map(r -> new ActivityRecord(r.get("id", UUID.class), r.get("kind", String.class), r.get("subject", String.class),
                        r.get("occurred_on", LocalDate.class), r.get("cost_amount", BigDecimal.class),
                        r.get("cost_currency", String.class), r.get("reporting_cost_amount", BigDecimal.class),
                        r.get("reporting_currency", String.class), r.get("fx_rate", BigDecimal.class),
                        r.get("fx_rate_date", LocalDate.class), r.get("actor", String.class), r.get("created_at", Instant.class)))
                .all();
    }

    /** The opportunity with its pipeline (as configured now), owners and stage history. */
    public Mono<StoredOpportunity> find(UUID id) {
        return db.sql("SELECT * FROM opportunity WHERE id = :id").bind("id", id).fetch().one()
                .flatMap(row -> pipelines.find((UUID) row.get("pipeline_id"))
                        .zipWith(owners(id)).zipWith(history(id).collectList())
                        .map(t -> assemble(row, t.getT1().getT1().pipeline(), t.getT1().getT2(), t.getT2())));
    }

    public Mono<UUID> idByExternalRef(String externalRef) {
        return db.sql("SELECT id FROM opportunity WHERE external_ref = :ref").bind("ref", externalRef)
                .map(r -> r.get("id", UUID.class)).one();
    }

    private StoredOpportunity assemble(Map<String, Object> row, Pipeline pipeline, Owners owners, List<StageVisit> history) {
        UUID stageId = (UUID) row.get("stage_id");
        Stage stage = pipeline.stage(stageId).orElseThrow();
        BigDecimal fxRate = (BigDecimal) row.get("won_fx_rate");
        Currency currency = Currency.getInstance(((String) row.get("currency")).strip());
        FxQuote fx = fxRate == null ? null : new FxQuote(currency, reportingCurrency, fxRate.stripTrailingZeros(),
                (LocalDate) row.get("won_fx_rate_date"));
        BigDecimal amount = ((BigDecimal) row.get("amount")).setScale(currency.getDefaultFractionDigits());
        Opportunity o = Opportunity.restore((UUID) row.get("id"), (UUID) row.get("account_id"), pipeline,
                (String) row.get("title"), amount, currency, (LocalDate) row.get("expected_close_date"),
                new Dimensions((String) row.get("product_line"), (String) row.get("region"), (String) row.get("channel"),
                        (String) row.get("customer_segment")),
                owners, stage, (LocalDate) row.get("stage_entered_on"), OpportunityStatus.valueOf((String) row.get("status")),
                (LocalDate) row.get("close_date"), fx, (BigDecimal) row.get("won_reporting_amount"),
                (String) row.get("external_ref"), history);
        return new StoredOpportunity(o, (Long) row.get("version"), (LocalDate) row.get("created_on"),
                (String) row.get("win_reason"), (String) row.get("loss_reason"), (String) row.get("competitor"), history.size());
    }

    public Mono<Owners> owners(UUID id) {
        return db.sql("SELECT * FROM opportunity_owner WHERE opportunity_id = :id ORDER BY position").bind("id", id)
                .map(r -> new OwnerShare(r.get("rep_id", UUID.class), r.get("split_percent", BigDecimal.class).stripTrailingZeros(),
                        r.get("is_primary", Boolean.class)))
                .all().collectList().map(Owners::new);
    }

    public Flux<StageVisit> history(UUID id) {
        return db.sql("SELECT * FROM opportunity_stage_history WHERE opportunity_id = :id ORDER BY seq").bind("id", id)
                .map(r -> {
                    String closedAs = r.get("closed_as", String.class);
                    Stage s = new Stage(r.get("stage_id", UUID.class), r.get("stage_code", String.class),
                            r.get("stage_name", String.class), -1, r.get("probability", Integer.class),
                            ForecastCategory.valueOf(r.get("forecast_category", String.class)),
                            r.get("expected_days", Integer.class), r.get("conversion_rate", BigDecimal.class),
                            closedAs == null ? null : StageOutcome.valueOf(closedAs));
                    return new StageVisit(s, r.get("entered_on", LocalDate.class), r.get("entered_at", Instant.class),
                            r.get("left_on", LocalDate.class), r.get("left_at", Instant.class));
                }).all();
    }

    /**
     * Whether another deal of the account is won, asked under a per-account lock held to the end of the transaction:
     * two wins of one account at the same moment must not both be its first (NEW_CUSTOMERS would count twice). An
     * advisory lock, not the account row's: only wins take it, so it cannot deadlock with row locks.
     */
    public Mono<Boolean> accountHasOtherWin(UUID accountId, UUID except) {
        return db.sql("SELECT pg_advisory_xact_lock(hashtextextended(:account, 7401))")
                .bind("account", accountId.toString()).then()
                // a new statement: it sees a win that the lock's previous holder committed
                .then(db.sql("""
                        SELECT EXISTS (SELECT 1 FROM opportunity WHERE account_id = :account AND id <> :id
                            AND won_reporting_amount IS NOT NULL AND status IN ('WON', 'ARCHIVED')) AS won""")
                .bind("account", accountId).bind("id", except).map(r -> r.get("won", Boolean.class)).one());
    }

    public Flux<UUID> list(String where, Map<String, Object> binds, String orderLimitOffset) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT id FROM opportunity t WHERE " + where + orderLimitOffset);
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.map(r -> r.get("id", UUID.class)).all();
    }

    public Mono<Long> count(String where, Map<String, Object> binds) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT count(*) AS n FROM opportunity t WHERE " + where);
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.map(r -> r.get("n", Long.class)).one();
    }

    static List<StageVisit> copy(List<StageVisit> visits) {
        return new ArrayList<>(visits);
    }
}
