package com.quota.contract.web;

import com.quota.contract.approval.ApprovalStep;
import com.quota.contract.execution.Instalment;
import com.quota.contract.execution.Milestone;
import com.quota.contract.execution.Payment;
import com.quota.contract.lifecycle.Contract;
import com.quota.contract.lifecycle.ContractStateMachine;
import com.quota.contract.lifecycle.ContractVersion;
import com.quota.contract.lifecycle.Dimensions;
import com.quota.contract.lifecycle.OwnerShare;
import com.quota.contract.rules.RuleViolation;
import com.quota.money.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/** The JSON shapes of the contract API: request bodies and views. */
final class ContractJson {

    private ContractJson() {
    }

    /** {@code {"amount":"12500.00","currency":"CNY"}}. */
    record MoneyBody(@NotNull @Pattern(regexp = "^-?(0|[1-9][0-9]*)(\\.[0-9]{1,4})?$", message = "must be a decimal string") String amount,
                     @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code") String currency) {
        Money toMoney() {
            Currency code;
            try {
                code = Currency.getInstance(currency);
            } catch (IllegalArgumentException e) {
                throw RuleViolation.badRequest("validation-failed", "unknown currency " + currency);
            }
            BigDecimal value = new BigDecimal(amount);
            if (value.scale() > code.getDefaultFractionDigits()) {
                throw RuleViolation.badRequest("validation-failed", "amount has more decimals than " + currency + " allows");
            }
            return Money.of(value, code);
        }

        static MoneyBody of(Money money) {
            return money == null ? null : new MoneyBody(money.amountText(), money.currency().getCurrencyCode());
        }
    }

    record OwnerBody(@NotNull UUID repId, @NotNull BigDecimal splitPercent, boolean primary) {
        OwnerShare toShare() {
            return new OwnerShare(repId, splitPercent, primary);
        }
    }

    /** An owner as answered: the split as a decimal string. */
    record OwnerView(UUID repId, String splitPercent, boolean primary) {
    }

    static String decimal(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    record DimensionsBody(@Size(max = 64) String productLine, @Size(max = 64) String region, @Size(max = 64) String channel,
                          @Size(max = 64) String customerSegment) {
        Dimensions toDimensions() {
            return new Dimensions(productLine, region, channel, customerSegment);
        }
    }

    /** Draft a contract: give {@code opportunityId} (owners, currency and rate come from it) or the standalone fields. */
    record CreateContract(UUID opportunityId, UUID accountId, @Size(max = 300) String title, List<@Valid OwnerBody> owners,
                          @Valid DimensionsBody dimensions, @Valid MoneyBody value, String terms, LocalDate startDate,
                          LocalDate endDate, @Size(min = 1, max = 128) String externalRef) {
    }

    record Decision(@Size(max = 2000) String comment) {
    }

    record Reason(@NotBlank @Size(max = 2000) String reason) {
    }

    record Sign(LocalDate signedDate) {
    }

    record OnDate(LocalDate date) {
    }

    record Terminate(@NotNull LocalDate terminationDate, @NotBlank @Size(max = 2000) String reason) {
    }

    record Revise(@Valid MoneyBody value, String terms, LocalDate startDate, LocalDate endDate) {
    }

    record Amend(@Valid MoneyBody value, String terms, LocalDate startDate, LocalDate endDate, @NotBlank @Size(max = 2000) String reason,
                 @NotNull LocalDate effectiveDate) {
    }

    /** A planned milestone; {@code id} optional (client-chosen, so a repeated plan keeps its milestones). */
    record MilestoneBody(UUID id, @NotBlank @Size(max = 200) String name, int weight, LocalDate dueDate) {
    }

    record MilestonePlan(@NotEmpty List<@Valid MilestoneBody> milestones) {
    }

    record InstalmentBody(@NotNull LocalDate dueDate, @NotNull @Valid MoneyBody amount) {
    }

    record PaymentPlan(@NotNull List<@Valid InstalmentBody> instalments) {
    }

    record RecordPayment(@NotNull @Valid MoneyBody amount, LocalDate receivedDate, @Size(min = 1, max = 128) String externalRef,
                         UUID milestoneId) {
    }

    record VersionView(int version, MoneyBody value, String terms, LocalDate startDate, LocalDate endDate, String reason,
                       LocalDate effectiveDate, String createdBy, Instant createdAt) {
        static VersionView of(ContractVersion v) {
            return new VersionView(v.version(), MoneyBody.of(v.value()), v.terms(), v.startDate(), v.endDate(), v.reason(),
                    v.effectiveDate(), v.createdBy(), v.createdAt());
        }
    }

    record ApprovalView(int round, int step, String role, String decision, String decidedBy, String comment, Instant decidedAt) {
        static ApprovalView of(ApprovalStep s) {
            return new ApprovalView(s.round(), s.stepNo(), s.role().name(), s.decision() == null ? null : s.decision().name(),
                    s.decidedBy(), s.comment(), s.decidedAt());
        }
    }

    record MilestoneView(UUID id, String name, int weight, LocalDate dueDate, LocalDate completedOn, boolean overdue) {
        static MilestoneView of(Milestone m, LocalDate asOf) {
            return new MilestoneView(m.id(), m.name(), m.weight(), m.dueDate(), m.completedOn(), m.isOverdue(asOf));
        }
    }

    record InstalmentView(UUID id, LocalDate dueDate, MoneyBody amount) {
        static InstalmentView of(Instalment i) {
            return new InstalmentView(i.id(), i.dueDate(), MoneyBody.of(i.amount()));
        }
    }

    record PaymentView(UUID id, UUID contractId, MoneyBody amount, MoneyBody reportingAmount, LocalDate receivedDate,
                       String externalRef, UUID milestoneId, String recordedBy, Instant recordedAt) {
        static PaymentView of(Contract c, Payment p) {
            return new PaymentView(p.id(), c.id(), MoneyBody.of(p.amount()), MoneyBody.of(c.toReporting(p.amount())), p.receivedDate(),
                    p.externalRef(), p.milestoneId(), p.recordedBy(), p.recordedAt());
        }
    }

    record ContractView(UUID id, String contractNumber, String externalRef, String status, UUID opportunityId, UUID accountId,
                        String title, List<OwnerView> owners, Dimensions dimensions, int version, MoneyBody value,
                        MoneyBody reportingValue, String fxRate, String terms, LocalDate startDate, LocalDate endDate,
                        LocalDate signedDate, LocalDate completedDate, LocalDate terminationDate, String terminationReason,
                        String suspensionReason, String submittedBy, List<ApprovalView> approvals, String pendingApprovalRole,
                        List<MilestoneView> milestones, String percentComplete, List<InstalmentView> paymentPlan,
                        MoneyBody collected, MoneyBody outstanding, String collectionRatePercent,
                        MoneyBody overdueReceivables, LocalDate asOf, List<String> allowedActions, Reopened opportunityReopened,
                        long rowVersion) {
        static ContractView of(Contract c, LocalDate asOf) {
            ContractVersion v = c.currentVersion();
            return new ContractView(c.id(), c.number(), c.externalRef(), c.status().name(), c.opportunityId(), c.accountId(), c.title(),
                    c.owners().stream().map(o -> new OwnerView(o.repId(), o.splitPercent().stripTrailingZeros().toPlainString(), o.primary())).toList(), c.dimensions(),
                    v.version(), MoneyBody.of(c.value()), MoneyBody.of(c.reportingValue()), c.fxRate().toPlainString(), v.terms(),
                    v.startDate(), v.endDate(), c.signedDate(), c.completedDate(), c.terminationDate(), c.terminationReason(),
                    c.suspensionReason(), c.submittedBy() == null ? null : c.submittedBy().subject(),
                    c.approvals().stream().filter(s -> s.round() == c.approvalRound()).map(ApprovalView::of).toList(),
                    c.currentStep().map(s -> s.role().name()).orElse(null),
                    c.milestones().stream().map(m -> MilestoneView.of(m, asOf)).toList(), decimal(c.percentComplete()),
                    c.plan().stream().map(InstalmentView::of).toList(), MoneyBody.of(c.collected()), MoneyBody.of(c.outstanding()),
                    decimal(c.collectionRate()), MoneyBody.of(c.overdueReceivables(asOf)), asOf,
                    ContractStateMachine.allowedFrom(c.status()).stream().map(a -> a.pathName()).toList(),
                    c.opportunityReopening().map(r -> new Reopened(r.on(), r.reason())).orElse(null), c.rowVersion());
        }
    }

    /** The contract's opportunity was reopened (null while it stands won): a human decides what becomes of the contract. */
    record Reopened(LocalDate on, String reason) {
    }

    record ApprovalRuleBody(@NotNull BigDecimal above, BigDecimal upTo, @NotEmpty List<@NotNull String> steps) {
    }

    record ApprovalRuleView(UUID id, String above, String upTo, List<String> steps, String band, long rowVersion) {
    }

    /** One row of a contract list. */
    record ContractListItem(UUID id, String contractNumber, String title, String status, UUID accountId, UUID opportunityId,
                            MoneyBody value, MoneyBody reportingValue, MoneyBody collected, java.time.LocalDate signedDate,
                            int version, String externalRef, java.time.Instant createdAt) {
        static ContractListItem of(com.quota.contract.persistence.ContractQueries.Row r) {
            Currency currency = Currency.getInstance(r.currency());
            return new ContractListItem(r.id(), r.number(), r.title(), r.status(), r.accountId(), r.opportunityId(),
                    MoneyBody.of(Money.of(r.value(), currency)), MoneyBody.of(Money.of(r.reportingValue(), Currency.getInstance(r.reportingCurrency()))),
                    MoneyBody.of(Money.of(r.collected(), currency)), r.signedDate(), r.version(), r.externalRef(), r.createdAt());
        }
    }

    record AutoDraft(@NotNull Boolean enabled) {
    }

    record AutoDraftView(UUID pipelineId, boolean enabled, boolean explicit) {
    }

    record FieldChange(String field, Object from, Object to) {
    }

    record VersionDiff(int from, int to, List<FieldChange> changes, MoneyBody valueDelta) {
    }
}
