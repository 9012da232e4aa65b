package com.quota.contract.lifecycle;

import com.quota.contract.approval.ApprovalPolicy;
import com.quota.contract.approval.ApprovalStep;
import com.quota.contract.approval.ApproverRole;
import com.quota.contract.execution.Execution;
import com.quota.contract.execution.Instalment;
import com.quota.contract.execution.Milestone;
import com.quota.contract.execution.Payment;
import com.quota.contract.rules.RuleViolation;
import com.quota.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static com.quota.contract.lifecycle.ContractAction.*;

/**
 * A sales contract from draft to closed: its versions, approval chain, milestones, payment plan and payments.
 * Every change checks the status machine first; changes others care about are collected as {@link ContractEvent}s.
 */
public final class Contract {

    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private final UUID id;
    private final String number;
    private final String externalRef;
    private final UUID opportunityId;
    private final UUID accountId;
    private final String title;
    private final List<OwnerShare> owners;
    private final Dimensions dimensions;
    private final BigDecimal fxRate;
    private final java.util.Currency reportingCurrency;
    private final Instant createdAt;
    private ContractStatus status;
    private final List<ContractVersion> versions;
    private LocalDate signedDate;
    private LocalDate completedDate;
    private LocalDate terminationDate;
    private String terminationReason;
    private String suspensionReason;
    private Actor submittedBy;
    private int approvalRound;
    private final List<ApprovalStep> approvals;
    private List<Milestone> milestones;
    private List<Instalment> plan;
    private final List<Payment> payments;
    private final long rowVersion;
    private OpportunityReopening opportunityReopening;
    private final List<ContractEvent> events = new ArrayList<>();

    /** The won opportunity this contract was drafted from was reopened on {@code on}, for {@code reason}. */
    public record OpportunityReopening(LocalDate on, String reason) {
    }

    /** Rebuilds a contract from its stored state. */
    public Contract(UUID id, String number, String externalRef, UUID opportunityId, UUID accountId, String title,
                    List<OwnerShare> owners, Dimensions dimensions, BigDecimal fxRate, java.util.Currency reportingCurrency,
                    Instant createdAt, ContractStatus status, List<ContractVersion> versions, LocalDate signedDate,
                    LocalDate completedDate, LocalDate terminationDate, String terminationReason, String suspensionReason,
                    Actor submittedBy, int approvalRound, List<ApprovalStep> approvals, List<Milestone> milestones,
                    List<Instalment> plan, List<Payment> payments, long rowVersion) {
        this.id = id;
        this.number = number;
        this.externalRef = externalRef;
        this.opportunityId = opportunityId;
        this.accountId = accountId;
        this.title = title;
        this.owners = List.copyOf(owners);
        this.dimensions = dimensions == null ? Dimensions.NONE : dimensions;
        this.fxRate = fxRate;
        this.reportingCurrency = reportingCurrency;
        this.createdAt = createdAt;
        this.status = status;
        this.versions = new ArrayList<>(versions);
        this.versions.sort(Comparator.comparingInt(ContractVersion::version));
        this.signedDate = signedDate;
        this.completedDate = completedDate;
        this.terminationDate = terminationDate;
        this.terminationReason = terminationReason;
        this.suspensionReason = suspensionReason;
        this.submittedBy = submittedBy;
        this.approvalRound = approvalRound;
        this.approvals = new ArrayList<>(approvals);
        this.milestones = List.copyOf(milestones);
        this.plan = List.copyOf(plan);
        this.payments = new ArrayList<>(payments);
        this.rowVersion = rowVersion;
    }

    /** A new draft (version 1); refuses owners whose splits do not make 100 with one primary, and bad dates. */
    public static Contract draft(UUID id, String number, DraftTerms terms, Actor by, Instant at) {
        requireOwners(terms.owners());
        requireDates(terms.startDate(), terms.endDate());
        if (terms.value().isNegative()) {
            throw RuleViolation.badRequest("invalid-value", "the contract value cannot be negative");
        }
        if (terms.fxRate() == null || terms.fxRate().signum() <= 0) {
            throw RuleViolation.badRequest("invalid-fx-rate", "the fx rate must be above zero");
        }
        if (terms.opportunityId() == null && !terms.value().currency().equals(terms.reportingCurrency())
                && terms.fxRate().compareTo(BigDecimal.ONE) == 0) {
            // a standalone contract is in the reporting currency (ARCHITECTURE.md, Money)
            throw RuleViolation.unprocessable("currency-mismatch",
                    "a standalone contract is in the reporting currency " + terms.reportingCurrency());
        }
        ContractVersion first = new ContractVersion(1, terms.value(), terms.terms(), terms.startDate(), terms.endDate(),
                null, null, by.subject(), at);
        return new Contract(id, number, terms.externalRef(), terms.opportunityId(), terms.accountId(), terms.title(),
                terms.owners(), terms.dimensions(), terms.fxRate(), terms.reportingCurrency(), at, ContractStatus.DRAFT,
                List.of(first), null, null, null, null, null, null, 0, List.of(), List.of(), List.of(), List.of(), 0);
    }

    // ---- lifecycle ----

    /** DRAFT → PENDING_APPROVAL with the chain the policy gives for the reporting value. */
    public void submit(Actor by, ApprovalPolicy policy) {
        ContractStatus next = ContractStateMachine.require(status, SUBMIT);
        requireOpportunityStillWon();
        List<ApproverRole> chain = policy.chainFor(reportingValue().amount());
        approvalRound++;
        for (int step = 0; step < chain.size(); step++) {
            approvals.add(ApprovalStep.open(approvalRound, step + 1, chain.get(step)));
        }
        submittedBy = by;
        status = next;
    }

    /** The open step of the current round, if any. */
    public Optional<ApprovalStep> currentStep() {
        if (status != ContractStatus.PENDING_APPROVAL) {
            return Optional.empty();
        }
        return approvals.stream().filter(s -> s.round() == approvalRound && s.isOpen())
                .min(Comparator.comparingInt(ApprovalStep::stepNo));
    }

    /**
     * The current step approves; the last approval makes the contract APPROVED. The approver is never the
     * submitter, holds the step's role (a MANAGER step: a manager of the owner's unit) and decides one step per round.
     */
    public void approve(Approver approver, String comment, Instant at) {
        ContractStatus next = ContractStateMachine.require(status, APPROVE);
        requireOpportunityStillWon();
        ApprovalStep step = requireDecidable(approver);
        replace(step, step.decide(ApprovalStep.Decision.APPROVED, approver.actor().subject(), approver.actor().repId(), comment, at));
        if (currentStep().isEmpty()) {
            status = next;
        }
    }

    /** The current step rejects (a comment is required): PENDING_APPROVAL → REJECTED. */
    public void reject(Approver approver, String comment, Instant at) {
        ContractStatus next = ContractStateMachine.require(status, REJECT);
        if (comment == null || comment.isBlank()) {
            throw RuleViolation.badRequest("comment-required", "a rejection needs a comment");
        }
        ApprovalStep step = requireDecidable(approver);
        replace(step, step.decide(ApprovalStep.Decision.REJECTED, approver.actor().subject(), approver.actor().repId(), comment, at));
        status = next;
    }

    /** REJECTED → DRAFT, optionally with new commercial content (replaces version 1's content; nothing is signed yet). */
    public void revise(Money value, String terms, LocalDate startDate, LocalDate endDate, Actor by, Instant at) {
        ContractStatus next = ContractStateMachine.require(status, REVISE);
        ContractVersion current = currentVersion();
        Money newValue = value != null ? value : current.value();
        if (!newValue.currency().equals(current.value().currency())) {
            throw RuleViolation.unprocessable("currency-mismatch", "the value must stay in " + current.value().currency());
        }
        if (newValue.isNegative()) {
            throw RuleViolation.badRequest("invalid-value", "the contract value cannot be negative");
        }
        LocalDate start = startDate != null ? startDate : current.startDate();
        LocalDate end = endDate != null ? endDate : current.endDate();
        requireDates(start, end);
        versions.set(versions.size() - 1, new ContractVersion(current.version(), newValue, terms != null ? terms : current.terms(),
                start, end, current.reason(), current.effectiveDate(), by.subject(), at));
        status = next;
    }

    /** APPROVED → SIGNED on {@code date}; publishes ContractSigned. */
    public void sign(LocalDate date, Actor by) {
        ContractStatus next = ContractStateMachine.require(status, SIGN);
        requireOpportunityStillWon();
        status = next;
        signedDate = date;
        events.add(new ContractEvent.Signed(by));
    }

    /** SIGNED → IN_EXECUTION. */
    public void startExecution() {
        status = ContractStateMachine.require(status, START_EXECUTION);
    }

    /** IN_EXECUTION → SUSPENDED, keeping the reason. */
    public void suspend(String reason) {
        ContractStatus next = ContractStateMachine.require(status, SUSPEND);
        suspensionReason = requireReason(reason);
        status = next;
    }

    /** SUSPENDED → IN_EXECUTION, keeping the reason (the audit trail keeps both). */
    public void resume(String reason) {
        ContractStatus next = ContractStateMachine.require(status, RESUME);
        requireReason(reason);
        suspensionReason = null;
        status = next;
    }

    /** IN_EXECUTION → COMPLETED once every milestone is done; publishes ContractCompleted. */
    public void complete(LocalDate date, Actor by) {
        ContractStatus next = ContractStateMachine.require(status, COMPLETE);
        List<String> open = milestones.stream().filter(m -> !m.isCompleted()).map(Milestone::name).toList();
        if (!open.isEmpty()) {
            throw new RuleViolation(RuleViolation.Kind.CONFLICT, "milestones-open",
                    "a contract with open milestones cannot complete: " + String.join(", ", open), Map.of("openMilestones", open));
        }
        completedDate = date;
        status = next;
        events.add(new ContractEvent.Completed(by));
    }

    /** COMPLETED → CLOSED. */
    public void close() {
        status = ContractStateMachine.require(status, CLOSE);
    }

    /** SIGNED, IN_EXECUTION or SUSPENDED → TERMINATED on {@code date} with a reason; publishes ContractTerminated. */
    public void terminate(LocalDate date, String reason, Actor by) {
        ContractStatus previous = status;
        ContractStatus next = ContractStateMachine.require(status, TERMINATE);
        terminationReason = requireReason(reason);
        if (date == null) {
            throw RuleViolation.badRequest("termination-date-required", "a termination needs a date");
        }
        if (signedDate != null && date.isBefore(signedDate)) {
            throw RuleViolation.unprocessable("termination-before-signing", "the termination date is before the signing date " + signedDate);
        }
        terminationDate = date;
        status = next;
        events.add(new ContractEvent.Terminated(previous, by));
    }

    // ---- amendments ----

    /** Version n+1 with new value, terms or dates and a reason; only for a signed contract not closed or terminated. */
    public ContractVersion amend(Amendment amendment, Actor by, Instant at) {
        if (!status.isSignedAndOpen()) {
            throw new RuleViolation(RuleViolation.Kind.CONFLICT, "contract-not-amendable",
                    "a contract in status " + status + " cannot be amended; amendments are for SIGNED, IN_EXECUTION, SUSPENDED or COMPLETED contracts",
                    Map.of("status", status.name()));
        }
        requireReason(amendment.reason());
        ContractVersion previous = currentVersion();
        Money value = amendment.value() != null ? amendment.value() : previous.value();
        if (!value.currency().equals(previous.value().currency())) {
            throw RuleViolation.unprocessable("currency-mismatch", "an amendment keeps the contract's currency " + previous.value().currency());
        }
        if (value.isNegative()) {
            throw RuleViolation.badRequest("invalid-value", "the contract value cannot be negative");
        }
        Money collected = collected();
        if (value.compareTo(collected) < 0) {
            throw new RuleViolation(RuleViolation.Kind.UNPROCESSABLE, "value-below-collected",
                    "the new value " + value.amountText() + " is below what was already collected " + collected.amountText(),
                    Map.of("collected", collected.amountText()));
        }
        LocalDate start = amendment.startDate() != null ? amendment.startDate() : previous.startDate();
        LocalDate end = amendment.endDate() != null ? amendment.endDate() : previous.endDate();
        requireDates(start, end);
        String terms = amendment.terms() != null ? amendment.terms() : previous.terms();
        if (value.equals(previous.value()) && java.util.Objects.equals(terms, previous.terms())
                && java.util.Objects.equals(start, previous.startDate()) && java.util.Objects.equals(end, previous.endDate())) {
            throw RuleViolation.unprocessable("amendment-changes-nothing", "the amendment changes neither value, terms nor dates");
        }
        LocalDate effective = amendment.effectiveDate();
        if (effective == null) {
            throw RuleViolation.badRequest("effective-date-required", "an amendment needs an effective date");
        }
        if (effective.isBefore(signedDate)) {
            throw RuleViolation.unprocessable("amendment-before-signing", "the effective date is before the signing date " + signedDate);
        }
        ContractVersion next = new ContractVersion(previous.version() + 1, value, terms, start, end, amendment.reason(), effective, by.subject(), at);
        versions.add(next);
        events.add(new ContractEvent.Amended(previous, next, by));
        return next;
    }

    // ---- execution ----

    /**
     * Replaces the milestone plan (weights sum to 100); not on a closed or terminated contract. A milestone already in
     * the plan (same id, or same name when the new one has no id) keeps its id and its completion, so sending the same
     * plan again changes nothing; {@code newIds} gives the ids of milestones that are new and came without one.
     */
    public void planMilestones(List<Milestone> newMilestones, Supplier<UUID> newIds) {
        requireNotFinal("milestones");
        List<Milestone> planned = new ArrayList<>();
        for (Milestone wanted : newMilestones) {
            Optional<Milestone> before = milestones.stream()
                    .filter(old -> wanted.id() != null ? old.id().equals(wanted.id()) : old.name().equals(wanted.name()))
                    .findFirst();
            UUID id = wanted.id() != null ? wanted.id() : before.map(Milestone::id).orElseGet(newIds);
            planned.add(new Milestone(id, wanted.name(), wanted.weight(), wanted.dueDate(), before.map(Milestone::completedOn).orElse(null)));
        }
        milestones = Execution.requireValidMilestones(planned);
    }

    /** Marks a milestone done on {@code date}; only while in execution. */
    public Milestone completeMilestone(UUID milestoneId, LocalDate date) {
        if (status != ContractStatus.IN_EXECUTION) {
            throw new RuleViolation(RuleViolation.Kind.CONFLICT, "contract-not-in-execution",
                    "milestones are completed while the contract is IN_EXECUTION, not " + status, Map.of("status", status.name()));
        }
        Milestone milestone = milestones.stream().filter(m -> m.id().equals(milestoneId)).findFirst()
                .orElseThrow(() -> new RuleViolation(RuleViolation.Kind.NOT_FOUND, "milestone-not-found",
                        "the contract has no milestone " + milestoneId));
        if (milestone.isCompleted()) {
            throw RuleViolation.conflict("milestone-already-completed", "milestone '" + milestone.name() + "' was completed on " + milestone.completedOn());
        }
        Milestone done = milestone.completeOn(date);
        milestones = milestones.stream().map(m -> m.id().equals(milestoneId) ? done : m).toList();
        return done;
    }

    /** Replaces the payment plan; instalments never sum above the value in force. */
    public void planPayments(List<Instalment> instalments) {
        requireNotFinal("payment plans");
        plan = Execution.requireValidPlan(instalments, value());
    }

    /** Records a payment received; never over the outstanding value; publishes PaymentReceived. */
    public void receivePayment(Payment payment) {
        if (!status.isSignedAndOpen()) {
            throw new RuleViolation(RuleViolation.Kind.CONFLICT, "contract-not-payable",
                    "payments are recorded against SIGNED, IN_EXECUTION, SUSPENDED or COMPLETED contracts, not " + status,
                    Map.of("status", status.name()));
        }
        Execution.requirePayable(payment.amount(), value(), payments);
        if (payment.milestoneId() != null) {
            Execution.milestone(milestones, payment.milestoneId());
        }
        payments.add(payment);
        events.add(new ContractEvent.PaymentReceived(payment));
    }

    // ---- figures ----

    public Money value() {
        return currentVersion().value();
    }

    /** The value in the reporting currency at the contract's fixed rate, HALF_EVEN to the minor unit. */
    public Money reportingValue() {
        return toReporting(value());
    }

    /** {@code amount} in the reporting currency at the contract's fixed rate. */
    public Money toReporting(Money amount) {
        return Money.of(amount.amount().multiply(fxRate), reportingCurrency);
    }

    public Money collected() {
        return Execution.collected(payments, value());
    }

    public Money outstanding() {
        return value().minus(collected());
    }

    /** Collected ÷ value × 100 (2 decimals); null when the value is 0. */
    public BigDecimal collectionRate() {
        return Execution.collectionRate(collected(), value());
    }

    /** Σ weights of completed milestones; null without milestones. */
    public BigDecimal percentComplete() {
        return Execution.percentComplete(milestones);
    }

    /** What the plan says was due before {@code asOf} and was not paid; never more than is outstanding (a lowering amendment may leave the plan above the value). */
    public Money overdueReceivables(LocalDate asOf) {
        Money overdue = Execution.overdueReceivables(plan, collected(), asOf);
        Money outstanding = outstanding();
        return overdue.compareTo(outstanding) > 0 ? outstanding : overdue;
    }

    public List<Milestone> overdueMilestones(LocalDate asOf) {
        return Execution.overdueMilestones(milestones, asOf);
    }

    public ContractVersion currentVersion() {
        return versions.get(versions.size() - 1);
    }

    /** Every version, oldest first. */
    public List<ContractVersion> versions() {
        return List.copyOf(versions);
    }

    public Optional<ContractVersion> version(int number) {
        return versions.stream().filter(v -> v.version() == number).findFirst();
    }

    /** The events raised since this object was loaded, then forgotten. */
    public List<ContractEvent> drainEvents() {
        List<ContractEvent> drained = List.copyOf(events);
        events.clear();
        return drained;
    }

    /** The reps who own the contract. */
    public Set<UUID> ownerRepIds() {
        Set<UUID> ids = new HashSet<>();
        owners.forEach(o -> ids.add(o.repId()));
        return ids;
    }

    public UUID primaryOwner() {
        return owners.stream().filter(OwnerShare::primary).findFirst().orElseThrow().repId();
    }

    // ---- the opportunity reopened ----

    /**
     * Whether reopening its opportunity withdraws this contract: an automatic draft (made on OpportunityWon by
     * {@code draftedBy}) that nobody submitted yet. Anything else is kept and flagged for a human.
     */
    public boolean isUntouchedDraftOf(String draftedBy) {
        return status == ContractStatus.DRAFT && approvalRound == 0 && versions.size() == 1
                && draftedBy.equals(versions.get(0).createdBy());
    }

    /**
     * Flags that the opportunity was reopened: until it is won again, the contract is not submitted, approved or
     * signed (409 {@code opportunity-reopened}); a signed contract stays as it is for a human to amend or terminate.
     */
    public void flagOpportunityReopened(LocalDate on, String reason) {
        opportunityReopening = new OpportunityReopening(on, reason);
    }

    /** The opportunity was won again: the flag goes. */
    public void clearOpportunityReopened() {
        opportunityReopening = null;
    }

    public Optional<OpportunityReopening> opportunityReopening() {
        return Optional.ofNullable(opportunityReopening);
    }

    private void requireOpportunityStillWon() {
        if (opportunityReopening != null) {
            throw new RuleViolation(RuleViolation.Kind.CONFLICT, "opportunity-reopened",
                    "the opportunity of this contract was reopened on " + opportunityReopening.on() + " (" + opportunityReopening.reason()
                            + "); it goes on once the opportunity is won again",
                    Map.of("reopenedOn", opportunityReopening.on().toString()));
        }
    }

    // ---- rules ----

    private ApprovalStep requireDecidable(Approver approver) {
        ApprovalStep step = currentStep().orElseThrow(() -> RuleViolation.conflict("no-open-approval-step", "no approval step is open"));
        if (approver.actor().sameAs(submittedBy)) {
            throw RuleViolation.unprocessable("approver-is-submitter", "the submitter of a contract cannot approve or reject it");
        }
        if (!approver.roles().contains(step.role()) || step.role() == ApproverRole.MANAGER && !approver.managesOwnersUnit()) {
            throw new RuleViolation(RuleViolation.Kind.FORBIDDEN, "not-the-approver",
                    "step " + step.stepNo() + " needs a " + (step.role() == ApproverRole.MANAGER ? "MANAGER of the owner's unit" : step.role().name()),
                    Map.of("requiredRole", step.role().name()));
        }
        boolean decidedBefore = approvals.stream().anyMatch(s -> s.round() == approvalRound && !s.isOpen()
                && approver.actor().sameAs(new Actor(s.decidedBy(), s.decidedByRepId())));
        if (decidedBefore) {
            throw RuleViolation.unprocessable("approver-already-decided", "one person decides at most one step of a chain");
        }
        return step;
    }

    private void replace(ApprovalStep old, ApprovalStep decided) {
        approvals.set(approvals.indexOf(old), decided);
    }

    private void requireNotFinal(String what) {
        if (status.isFinal()) {
            throw new RuleViolation(RuleViolation.Kind.CONFLICT, "contract-is-final",
                    "a " + status + " contract takes no more " + what, Map.of("status", status.name()));
        }
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw RuleViolation.badRequest("reason-required", "a reason is required");
        }
        return reason;
    }

    private static void requireDates(LocalDate start, LocalDate end) {
        if (start == null) {
            throw RuleViolation.badRequest("start-date-required", "a contract needs a start date");
        }
        if (end != null && end.isBefore(start)) {
            throw RuleViolation.badRequest("invalid-dates", "the end date is before the start date");
        }
    }

    static void requireOwners(List<OwnerShare> owners) {
        if (owners == null || owners.isEmpty()) {
            throw RuleViolation.unprocessable("owner-splits-invalid", "a contract needs at least one owner");
        }
        long primaries = owners.stream().filter(OwnerShare::primary).count();
        BigDecimal sum = owners.stream().map(OwnerShare::splitPercent).reduce(BigDecimal.ZERO, BigDecimal::add);
        Set<UUID> reps = new HashSet<>();
        boolean positive = owners.stream().allMatch(o -> o.splitPercent() != null && o.splitPercent().signum() > 0
                && o.splitPercent().scale() <= 2 && reps.add(o.repId()));
        if (primaries != 1 || sum.compareTo(HUNDRED) != 0 || !positive) {
            throw new RuleViolation(RuleViolation.Kind.UNPROCESSABLE, "owner-splits-invalid",
                    "owners need distinct reps, positive splits (2 decimals at most) summing to 100 and exactly one primary; got sum "
                            + sum.toPlainString() + " with " + primaries + " primary", Map.of("splitSum", sum.toPlainString()));
        }
    }

    // ---- state ----

    public UUID id() { return id; }
    public String number() { return number; }
    public String externalRef() { return externalRef; }
    public UUID opportunityId() { return opportunityId; }
    public UUID accountId() { return accountId; }
    public String title() { return title; }
    public List<OwnerShare> owners() { return owners; }
    public Dimensions dimensions() { return dimensions; }
    public BigDecimal fxRate() { return fxRate; }
    public java.util.Currency reportingCurrency() { return reportingCurrency; }
    public Instant createdAt() { return createdAt; }
    public ContractStatus status() { return status; }
    public LocalDate signedDate() { return signedDate; }
    public LocalDate completedDate() { return completedDate; }
    public LocalDate terminationDate() { return terminationDate; }
    public String terminationReason() { return terminationReason; }
    public String suspensionReason() { return suspensionReason; }
    public Actor submittedBy() { return submittedBy; }
    public int approvalRound() { return approvalRound; }
    public List<ApprovalStep> approvals() { return List.copyOf(approvals); }
    public List<Milestone> milestones() { return milestones; }
    public List<Instalment> plan() { return plan; }
    public List<Payment> payments() { return List.copyOf(payments); }
    /** The optimistic-locking version of the stored row (ETag). */
    public long rowVersion() { return rowVersion; }
}
