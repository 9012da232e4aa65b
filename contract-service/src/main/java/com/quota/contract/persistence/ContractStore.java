package com.quota.contract.persistence;

import com.quota.contract.approval.ApprovalStep;
import com.quota.contract.approval.ApproverRole;
import com.quota.contract.execution.Instalment;
import com.quota.contract.execution.Milestone;
import com.quota.contract.execution.Payment;
import com.quota.contract.lifecycle.Actor;
import com.quota.contract.lifecycle.Contract;
import com.quota.contract.lifecycle.ContractStatus;
import com.quota.contract.lifecycle.ContractVersion;
import com.quota.contract.lifecycle.Dimensions;
import com.quota.contract.lifecycle.OwnerShare;
import com.quota.money.Money;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/** Loads and saves whole contracts (row, owners, versions, approvals, milestones, plan, payments) over R2DBC. */
@Repository
public class ContractStore {

    private final DatabaseClient db;

    public ContractStore(DatabaseClient db) {
        this.db = db;
    }

    /** The next human contract number, e.g. {@code C-2026-000042}. */
    public Mono<String> nextNumber(int year) {
        return db.sql("select nextval('contract_number_seq') as n").map(row -> row.get("n", Long.class)).one()
                .map(n -> "C-%d-%06d".formatted(year, n));
    }

    /** The contract drafted from this opportunity, if any. */
    public Mono<UUID> idByOpportunity(UUID opportunityId) {
        return db.sql("select id from contract where opportunity_id = :o").bind("o", opportunityId)
                .map(row -> row.get("id", UUID.class)).one();
    }

    /** The contract and payment recorded under this ERP receipt reference, if any. */
    public Mono<UUID[]> paymentByExternalRef(String externalRef) {
        return db.sql("select id, contract_id from contract_payment where external_ref = :r").bind("r", externalRef)
                .map(row -> new UUID[]{row.get("id", UUID.class), row.get("contract_id", UUID.class)}).one();
    }

    public Mono<Contract> load(UUID id) {
        // the row's buffer lives only inside map(): copy the columns out first
        return db.sql("select * from contract where id = :id").bind("id", id).map((row, meta) -> {
                    java.util.Map<String, Object> copy = new java.util.HashMap<>();
                    meta.getColumnMetadatas().forEach(column -> copy.put(column.getName(), row.get(column.getName())));
                    return new Columns(copy);
                }).one()
                .flatMap(row -> {
                    Currency currency = Currency.getInstance(row.get("currency", String.class).trim());
                    Mono<List<OwnerShare>> owners = db.sql("select * from contract_owner where contract_id = :id order by position")
                            .bind("id", id).map(r -> new OwnerShare(r.get("rep_id", UUID.class), r.get("split_percent", BigDecimal.class).stripTrailingZeros(),
                                    Boolean.TRUE.equals(r.get("is_primary", Boolean.class)))).all().collectList();
                    Mono<List<ContractVersion>> versions = db.sql("select * from contract_version where contract_id = :id order by version")
                            .bind("id", id).map(r -> new ContractVersion(r.get("version", Integer.class),
                                    Money.of(r.get("value_amount", BigDecimal.class), Currency.getInstance(r.get("currency", String.class).trim())),
                                    r.get("terms", String.class), r.get("start_date", LocalDate.class), r.get("end_date", LocalDate.class),
                                    r.get("reason", String.class), r.get("effective_date", LocalDate.class),
                                    r.get("created_by", String.class), r.get("created_at", Instant.class))).all().collectList();
                    Mono<List<ApprovalStep>> approvals = db.sql("select * from contract_approval where contract_id = :id order by round, step_no")
                            .bind("id", id).map(r -> new ApprovalStep(r.get("round", Integer.class), r.get("step_no", Integer.class),
                                    ApproverRole.valueOf(r.get("required_role", String.class)),
                                    r.get("decision", String.class) == null ? null : ApprovalStep.Decision.valueOf(r.get("decision", String.class)),
                                    r.get("decided_by", String.class), r.get("decided_by_rep_id", UUID.class), r.get("comment", String.class),
                                    r.get("decided_at", Instant.class))).all().collectList();
                    Mono<List<Milestone>> milestones = db.sql("select * from contract_milestone where contract_id = :id order by position")
                            .bind("id", id).map(r -> new Milestone(r.get("id", UUID.class), r.get("name", String.class), r.get("weight", Integer.class),
                                    r.get("due_date", LocalDate.class), r.get("completed_on", LocalDate.class))).all().collectList();
                    Mono<List<Instalment>> plan = db.sql("select * from contract_instalment where contract_id = :id order by position")
                            .bind("id", id).map(r -> new Instalment(r.get("id", UUID.class), r.get("due_date", LocalDate.class),
                                    Money.of(r.get("amount", BigDecimal.class), currency))).all().collectList();
                    Mono<List<Payment>> payments = db.sql("select * from contract_payment where contract_id = :id order by received_date, recorded_at")
                            .bind("id", id).map(r -> new Payment(r.get("id", UUID.class), Money.of(r.get("amount", BigDecimal.class), currency),
                                    r.get("received_date", LocalDate.class), r.get("external_ref", String.class), r.get("milestone_id", UUID.class),
                                    r.get("recorded_by", String.class), r.get("recorded_by_rep_id", UUID.class), r.get("recorded_at", Instant.class)))
                            .all().collectList();
                    return Mono.zip(owners, versions, approvals, milestones, plan, payments)
                            .map(t -> new Contract(id, row.get("contract_number", String.class), row.get("external_ref", String.class),
                                    row.get("opportunity_id", UUID.class), row.get("account_id", UUID.class), row.get("title", String.class),
                                    t.getT1(), new Dimensions(row.get("product_line", String.class), row.get("region", String.class),
                                    row.get("channel", String.class), row.get("customer_segment", String.class)),
                                    row.get("fx_rate", BigDecimal.class).stripTrailingZeros(),
                                    Currency.getInstance(row.get("reporting_currency", String.class).trim()), row.get("created_at", Instant.class),
                                    ContractStatus.valueOf(row.get("status", String.class)), t.getT2(), row.get("signed_date", LocalDate.class),
                                    row.get("completed_date", LocalDate.class), row.get("termination_date", LocalDate.class),
                                    row.get("termination_reason", String.class), row.get("suspension_reason", String.class),
                                    submitter(row), row.get("approval_round", Integer.class), t.getT3(), t.getT4(), t.getT5(), t.getT6(),
                                    row.get("row_version", Long.class)))
                            .map(contract -> {
                                LocalDate reopenedOn = row.get("opportunity_reopened_on", LocalDate.class);
                                if (reopenedOn != null) {
                                    contract.flagOpportunityReopened(reopenedOn, row.get("opportunity_reopen_reason", String.class));
                                }
                                return contract;
                            });
                });
    }

    /**
     * Removes a contract and everything it holds (an untouched automatic draft whose opportunity was reopened: nothing
     * was signed, no event was published about it; the audit trail keeps what it was).
     */
    public Mono<Void> delete(UUID id) {
        return Flux.just("contract_owner", "contract_version", "contract_approval", "contract_milestone", "contract_instalment",
                        "contract_payment")
                .concatMap(table -> db.sql("delete from " + table + " where contract_id = :id").bind("id", id).fetch().rowsUpdated())
                .then(db.sql("delete from contract where id = :id").bind("id", id).fetch().rowsUpdated())
                .then();
    }

    /** The columns of one row, read while its buffer was alive. */
    private record Columns(java.util.Map<String, Object> values) {
        <T> T get(String name, Class<T> type) {
            Object value = values.get(name);
            if (value instanceof Number number && type == Long.class) {
                return type.cast(number.longValue());
            }
            if (value instanceof java.time.OffsetDateTime time && type == Instant.class) {
                return type.cast(time.toInstant());
            }
            if (value instanceof Number number && type == Integer.class) {
                return type.cast(number.intValue());
            }
            return type.cast(value);
        }
    }

    private static Actor submitter(Columns row) {
        String by = row.get("submitted_by", String.class);
        return by == null ? null : new Actor(by, row.get("submitted_by_rep_id", UUID.class));
    }

    /** Inserts a new contract with its owners and version 1. */
    public Mono<Void> insert(Contract c, Instant now) {
        DatabaseClient.GenericExecuteSpec insert = db.sql("""
                insert into contract (id, contract_number, external_ref, opportunity_id, account_id, title, status, currency,
                    current_version, value_amount, reporting_currency, fx_rate, reporting_value, collected_amount, product_line,
                    region, channel, customer_segment, approval_round, created_at, updated_at, row_version)
                values (:id, :number, :externalRef, :opportunityId, :accountId, :title, :status, :currency, 1, :value,
                    :reportingCurrency, :fxRate, :reportingValue, 0, :productLine, :region, :channel, :segment, 0, :now, :now, 0)""")
                .bind("id", c.id()).bind("number", c.number())
                .bind("accountId", c.accountId()).bind("title", c.title()).bind("status", c.status().name())
                .bind("currency", c.value().currency().getCurrencyCode()).bind("value", c.value().amount())
                .bind("reportingCurrency", c.reportingCurrency().getCurrencyCode()).bind("fxRate", c.fxRate())
                .bind("reportingValue", c.reportingValue().amount()).bind("now", now);
        insert = bindNullable(insert, "externalRef", c.externalRef(), String.class);
        insert = bindNullable(insert, "opportunityId", c.opportunityId(), UUID.class);
        insert = bindNullable(insert, "productLine", c.dimensions().productLine(), String.class);
        insert = bindNullable(insert, "region", c.dimensions().region(), String.class);
        insert = bindNullable(insert, "channel", c.dimensions().channel(), String.class);
        insert = bindNullable(insert, "segment", c.dimensions().customerSegment(), String.class);
        Flux<Long> owners = Flux.range(0, c.owners().size()).concatMap(i -> db.sql("""
                        insert into contract_owner (contract_id, rep_id, split_percent, is_primary, position)
                        values (:c, :rep, :split, :primary, :position)""")
                .bind("c", c.id()).bind("rep", c.owners().get(i).repId()).bind("split", c.owners().get(i).splitPercent())
                .bind("primary", c.owners().get(i).primary()).bind("position", i).fetch().rowsUpdated());
        return insert.fetch().rowsUpdated().thenMany(owners).then(saveChildren(c));
    }

    /**
     * Saves a loaded contract after a change: the row only when it still has the version it was loaded with
     * (else {@link OptimisticLockingFailureException}), then its children.
     */
    public Mono<Void> update(Contract c, Instant now) {
        DatabaseClient.GenericExecuteSpec update = db.sql("""
                update contract set status = :status, current_version = :version, value_amount = :value,
                    reporting_value = :reportingValue, collected_amount = :collected, approval_round = :round, updated_at = :now,
                    signed_date = :signedDate, completed_date = :completedDate, termination_date = :terminationDate,
                    termination_reason = :terminationReason, suspension_reason = :suspensionReason,
                    submitted_by = :submittedBy, submitted_by_rep_id = :submittedByRep,
                    opportunity_reopened_on = :reopenedOn, opportunity_reopen_reason = :reopenReason, row_version = row_version + 1
                where id = :id and row_version = :expected""")
                .bind("id", c.id()).bind("expected", c.rowVersion()).bind("status", c.status().name())
                .bind("version", c.currentVersion().version()).bind("value", c.value().amount())
                .bind("reportingValue", c.reportingValue().amount()).bind("collected", c.collected().amount())
                .bind("round", c.approvalRound()).bind("now", now);
        update = bindNullable(update, "signedDate", c.signedDate(), LocalDate.class);
        update = bindNullable(update, "completedDate", c.completedDate(), LocalDate.class);
        update = bindNullable(update, "terminationDate", c.terminationDate(), LocalDate.class);
        update = bindNullable(update, "terminationReason", c.terminationReason(), String.class);
        update = bindNullable(update, "suspensionReason", c.suspensionReason(), String.class);
        update = bindNullable(update, "submittedBy", c.submittedBy() == null ? null : c.submittedBy().subject(), String.class);
        update = bindNullable(update, "submittedByRep", c.submittedBy() == null ? null : c.submittedBy().repId(), UUID.class);
        update = bindNullable(update, "reopenedOn", c.opportunityReopening().map(r -> r.on()).orElse(null), LocalDate.class);
        update = bindNullable(update, "reopenReason", c.opportunityReopening().map(r -> r.reason()).orElse(null), String.class);
        return update.fetch().rowsUpdated()
                .flatMap(rows -> rows == 1 ? Mono.empty()
                        : Mono.error(new OptimisticLockingFailureException("contract " + c.id() + " changed since version " + c.rowVersion())))
                .then(saveChildren(c));
    }

    private Mono<Void> saveChildren(Contract c) {
        Flux<Long> versions = Flux.fromIterable(c.versions()).concatMap(v -> {
            DatabaseClient.GenericExecuteSpec spec = db.sql("""
                    insert into contract_version (contract_id, version, value_amount, currency, terms, start_date, end_date, reason,
                        effective_date, created_by, created_at)
                    values (:c, :v, :value, :currency, :terms, :start, :end, :reason, :effective, :by, :at)
                    on conflict (contract_id, version) do update set value_amount = excluded.value_amount, terms = excluded.terms,
                        start_date = excluded.start_date, end_date = excluded.end_date""")
                    .bind("c", c.id()).bind("v", v.version()).bind("value", v.value().amount())
                    .bind("currency", v.value().currency().getCurrencyCode()).bind("start", v.startDate())
                    .bind("by", v.createdBy()).bind("at", v.createdAt());
            spec = bindNullable(spec, "terms", v.terms(), String.class);
            spec = bindNullable(spec, "end", v.endDate(), LocalDate.class);
            spec = bindNullable(spec, "reason", v.reason(), String.class);
            spec = bindNullable(spec, "effective", v.effectiveDate(), LocalDate.class);
            return spec.fetch().rowsUpdated();
        });
        Flux<Long> approvals = Flux.fromIterable(c.approvals()).concatMap(s -> {
            DatabaseClient.GenericExecuteSpec spec = db.sql("""
                    insert into contract_approval (contract_id, round, step_no, required_role, decision, decided_by, decided_by_rep_id,
                        comment, decided_at)
                    values (:c, :round, :step, :role, :decision, :by, :rep, :comment, :at)
                    on conflict (contract_id, round, step_no) do update set decision = excluded.decision,
                        decided_by = excluded.decided_by, decided_by_rep_id = excluded.decided_by_rep_id,
                        comment = excluded.comment, decided_at = excluded.decided_at""")
                    .bind("c", c.id()).bind("round", s.round()).bind("step", s.stepNo()).bind("role", s.role().name());
            spec = bindNullable(spec, "decision", s.decision() == null ? null : s.decision().name(), String.class);
            spec = bindNullable(spec, "by", s.decidedBy(), String.class);
            spec = bindNullable(spec, "rep", s.decidedByRepId(), UUID.class);
            spec = bindNullable(spec, "comment", s.comment(), String.class);
            spec = bindNullable(spec, "at", s.decidedAt(), Instant.class);
            return spec.fetch().rowsUpdated();
        });
        Mono<Long> clearMilestones = db.sql("delete from contract_milestone where contract_id = :c").bind("c", c.id()).fetch().rowsUpdated();
        Flux<Long> milestones = Flux.range(0, c.milestones().size()).concatMap(i -> {
            Milestone m = c.milestones().get(i);
            DatabaseClient.GenericExecuteSpec spec = db.sql("""
                    insert into contract_milestone (id, contract_id, name, weight, due_date, completed_on, position)
                    values (:id, :c, :name, :weight, :due, :done, :position)""")
                    .bind("id", m.id()).bind("c", c.id()).bind("name", m.name()).bind("weight", m.weight()).bind("position", i);
            spec = bindNullable(spec, "due", m.dueDate(), LocalDate.class);
            spec = bindNullable(spec, "done", m.completedOn(), LocalDate.class);
            return spec.fetch().rowsUpdated();
        });
        Mono<Long> clearPlan = db.sql("delete from contract_instalment where contract_id = :c").bind("c", c.id()).fetch().rowsUpdated();
        Flux<Long> plan = Flux.range(0, c.plan().size()).concatMap(i -> db.sql("""
                        insert into contract_instalment (id, contract_id, due_date, amount, position) values (:id, :c, :due, :amount, :position)""")
                .bind("id", c.plan().get(i).id()).bind("c", c.id()).bind("due", c.plan().get(i).dueDate())
                .bind("amount", c.plan().get(i).amount().amount()).bind("position", i).fetch().rowsUpdated());
        Flux<Long> payments = Flux.fromIterable(c.payments()).concatMap(p -> {
            DatabaseClient.GenericExecuteSpec spec = db.sql("""
                    insert into contract_payment (id, contract_id, amount, received_date, external_ref, milestone_id, recorded_by,
                        recorded_by_rep_id, recorded_at)
                    values (:id, :c, :amount, :date, :ref, :milestone, :by, :rep, :at) on conflict (id) do nothing""")
                    .bind("id", p.id()).bind("c", c.id()).bind("amount", p.amount().amount()).bind("date", p.receivedDate())
                    .bind("by", p.recordedBy()).bind("at", p.recordedAt());
            spec = bindNullable(spec, "ref", p.externalRef(), String.class);
            spec = bindNullable(spec, "milestone", p.milestoneId(), UUID.class);
            spec = bindNullable(spec, "rep", p.recordedByRepId(), UUID.class);
            return spec.fetch().rowsUpdated();
        });
        return versions.thenMany(approvals).then(clearMilestones).thenMany(milestones).then(clearPlan).thenMany(plan)
                .thenMany(payments).then();
    }

    static <T> DatabaseClient.GenericExecuteSpec bindNullable(DatabaseClient.GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
