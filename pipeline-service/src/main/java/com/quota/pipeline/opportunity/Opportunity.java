package com.quota.pipeline.opportunity;

import com.quota.pipeline.failure.InvalidInputException;
import com.quota.pipeline.failure.RuleViolationException;
import com.quota.pipeline.opportunity.OpportunityChange.TransferKind;
import com.quota.pipeline.pipeline.Pipeline;
import com.quota.pipeline.pipeline.Stage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/**
 * A deal with an account: its stage, status, owners with splits, and the history of both. Every command checks the
 * status first (refused with the allowed actions), validates everything, and only then changes state, so a refused
 * command leaves the opportunity as it was. Changes are recorded for the service to publish.
 */
public final class Opportunity {

    private final UUID id;
    private final UUID accountId;
    private final Pipeline pipeline;
    private String title;
    private BigDecimal amount;
    private final Currency currency;
    private LocalDate expectedCloseDate;
    private Dimensions dimensions;
    private Owners owners;
    private Stage stage;
    private LocalDate stageEnteredOn;
    private OpportunityStatus status;
    private LocalDate closeDate;
    private FxQuote wonFx;
    private BigDecimal wonReportingAmount;
    private final String externalRef;
    private final List<StageVisit> stageHistory;
    private final List<OpportunityChange> changes = new ArrayList<>();

    private Opportunity(UUID id, UUID accountId, Pipeline pipeline, String title, BigDecimal amount, Currency currency,
                        LocalDate expectedCloseDate, Dimensions dimensions, Owners owners, Stage stage,
                        LocalDate stageEnteredOn, OpportunityStatus status, LocalDate closeDate, FxQuote wonFx,
                        BigDecimal wonReportingAmount, String externalRef, List<StageVisit> stageHistory) {
        this.id = id;
        this.accountId = accountId;
        this.pipeline = pipeline;
        this.title = title;
        this.amount = amount;
        this.currency = currency;
        this.expectedCloseDate = expectedCloseDate;
        this.dimensions = dimensions;
        this.owners = owners;
        this.stage = stage;
        this.stageEnteredOn = stageEnteredOn;
        this.status = status;
        this.closeDate = closeDate;
        this.wonFx = wonFx;
        this.wonReportingAmount = wonReportingAmount;
        this.externalRef = externalRef;
        this.stageHistory = new ArrayList<>(stageHistory);
    }

    /** A new open opportunity in {@code stage} (the pipeline's first open stage when null). */
    public static Opportunity create(UUID id, UUID accountId, Pipeline pipeline, String title, BigDecimal amount,
                                     Currency currency, LocalDate expectedCloseDate, Dimensions dimensions,
                                     Owners owners, Stage stage, String externalRef, LocalDate today, Instant now) {
        requireTitle(title);
        BigDecimal scaled = requireAmount(amount, currency);
        Stage start = stage != null ? stage : pipeline.firstStage();
        requireOpenStageOf(pipeline, start);
        Opportunity opportunity = new Opportunity(id, accountId, pipeline, title.strip(), scaled, currency,
                expectedCloseDate, dimensions == null ? Dimensions.none() : dimensions, owners, start, today,
                OpportunityStatus.OPEN, null, null, null, externalRef,
                List.of(new StageVisit(start, today, now, null, null)));
        opportunity.changes.add(new OpportunityChange.Created());
        return opportunity;
    }

    /** An opportunity as stored, with its stage history (oldest first). */
    public static Opportunity restore(UUID id, UUID accountId, Pipeline pipeline, String title, BigDecimal amount,
                                      Currency currency, LocalDate expectedCloseDate, Dimensions dimensions, Owners owners,
                                      Stage stage, LocalDate stageEnteredOn, OpportunityStatus status, LocalDate closeDate,
                                      FxQuote wonFx, BigDecimal wonReportingAmount, String externalRef,
                                      List<StageVisit> stageHistory) {
        return new Opportunity(id, accountId, pipeline, title, amount, currency, expectedCloseDate, dimensions, owners,
                stage, stageEnteredOn, status, closeDate, wonFx, wonReportingAmount, externalRef, stageHistory);
    }

    /** Changes title, amount, expected close date and dimensions (null leaves a field as it is). */
    public void update(String newTitle, BigDecimal newAmount, LocalDate newExpectedCloseDate, Dimensions newDimensions) {
        require(OpportunityAction.UPDATE);
        if (newTitle != null) {
            requireTitle(newTitle);
        }
        BigDecimal scaled = newAmount != null ? requireAmount(newAmount, currency) : amount;
        if (newTitle != null) {
            title = newTitle.strip();
        }
        amount = scaled;
        if (newExpectedCloseDate != null) {
            expectedCloseDate = newExpectedCloseDate;
        }
        if (newDimensions != null) {
            dimensions = newDimensions;
        }
        changes.add(new OpportunityChange.Updated());
    }

    /** Moves to a later open stage ({@code target} null: the next one). */
    public void advance(Stage target, LocalDate today, Instant now) {
        require(OpportunityAction.ADVANCE);
        Stage to = target;
        if (to == null) {
            to = pipeline.nextOpenStage(stage).orElseThrow(() -> new RuleViolationException("stage-invalid",
                    "the opportunity is in the last open stage; win or lose it"));
        }
        requireOpenStageOf(pipeline, to);
        if (pipeline.openIndex(to.id()) <= pipeline.openIndex(stage.id())) {
            throw new RuleViolationException("stage-invalid", "advance needs a later stage than " + stage.name());
        }
        changeStage(to, true, today, now);
    }

    /** Moves back to an earlier open stage ({@code target} null: the previous one). */
    public void moveBack(Stage target, LocalDate today, Instant now) {
        require(OpportunityAction.MOVE_BACK);
        Stage to = target;
        int current = pipeline.openIndex(stage.id());
        if (to == null) {
            if (current <= 0) {
                throw new RuleViolationException("stage-invalid", "the opportunity is in the first stage");
            }
            to = pipeline.openStages().get(current - 1);
        }
        requireOpenStageOf(pipeline, to);
        if (pipeline.openIndex(to.id()) >= current) {
            throw new RuleViolationException("stage-invalid", "move back needs an earlier stage than " + stage.name());
        }
        changeStage(to, false, today, now);
    }

    private void changeStage(Stage to, boolean advanced, LocalDate today, Instant now) {
        Stage from = stage;
        long days = Math.max(0, ChronoUnit.DAYS.between(stageEnteredOn, today));
        enterStage(to, today, now);
        changes.add(new OpportunityChange.StageChanged(from, to, advanced, days));
    }

    private void enterStage(Stage to, LocalDate today, Instant now) {
        int last = stageHistory.size() - 1;
        if (last >= 0 && stageHistory.get(last).leftOn() == null) {
            stageHistory.set(last, stageHistory.get(last).leave(today, now));
        }
        stageHistory.add(new StageVisit(to, today, now, null, null));
        stage = to;
        stageEnteredOn = today;
    }

    /** Replaces the owners: the stage, its history and the follow-ups stay (a transfer never resets the deal). */
    public void transfer(Owners newOwners, String reason, LocalDate effectiveDate) {
        require(OpportunityAction.TRANSFER);
        requireText("reason", reason);
        if (newOwners.sameAs(owners)) {
            throw new RuleViolationException("owners-unchanged", "the new owners are the current owners");
        }
        Owners previous = owners;
        owners = newOwners;
        changes.add(new OpportunityChange.Transferred(TransferKind.TRANSFER, previous, newOwners, reason.strip(), effectiveDate));
    }

    /** Adds or changes co-owners and their splits. */
    public void changeOwners(Owners newOwners, String reason, LocalDate effectiveDate) {
        require(OpportunityAction.CHANGE_OWNERS);
        requireText("reason", reason);
        if (newOwners.sameAs(owners)) {
            throw new RuleViolationException("owners-unchanged", "the new owners are the current owners");
        }
        Owners previous = owners;
        owners = newOwners;
        changes.add(new OpportunityChange.Transferred(TransferKind.SPLIT_CHANGE, previous, newOwners, reason.strip(), effectiveDate));
    }

    /** Takes the deal out of the forecast for now. */
    public void suspend(String reason) {
        statusChange(OpportunityAction.SUSPEND, OpportunityStatus.SUSPENDED, reason);
    }

    public void reactivate(String reason) {
        statusChange(OpportunityAction.REACTIVATE, OpportunityStatus.OPEN, reason);
    }

    /** Ends the deal for good (only archiving follows). */
    public void terminate(String reason) {
        require(OpportunityAction.TERMINATE);
        requireText("reason", reason);
        statusChange(OpportunityAction.TERMINATE, OpportunityStatus.TERMINATED, reason);
    }

    /** Puts a closed deal away. */
    public void archive(String reason) {
        statusChange(OpportunityAction.ARCHIVE, OpportunityStatus.ARCHIVED, reason);
    }

    private void statusChange(OpportunityAction action, OpportunityStatus to, String reason) {
        require(action);
        OpportunityStatus from = status;
        status = to;
        changes.add(new OpportunityChange.StatusChanged(action, from, to, reason == null || reason.isBlank() ? null : reason.strip()));
    }

    /** Wins the deal on {@code on} (not after today); the reporting amount is fixed with {@code fx}. */
    public void win(LocalDate on, LocalDate today, String reason, FxQuote fx, Instant now) {
        require(OpportunityAction.WIN);
        requireCloseDate(on, today);
        if (!fx.from().equals(currency)) {
            throw new IllegalArgumentException("the FX quote is for " + fx.from() + ", the deal is in " + currency);
        }
        Stage previous = stage;
        BigDecimal reporting = fx.convert(amount);
        enterStage(pipeline.wonStage(), on, now);
        status = OpportunityStatus.WON;
        closeDate = on;
        wonFx = fx;
        wonReportingAmount = reporting;
        changes.add(new OpportunityChange.Won(previous, on, reason == null || reason.isBlank() ? null : reason.strip(), fx, reporting));
    }

    /** Loses the deal on {@code on} (not after today) with its review: the reason and the winning competitor. */
    public void lose(LocalDate on, LocalDate today, String reason, String competitor, Instant now) {
        require(OpportunityAction.LOSE);
        requireText("reason", reason);
        requireText("competitor", competitor);
        requireCloseDate(on, today);
        Stage previous = stage;
        enterStage(pipeline.lostStage(), on, now);
        status = OpportunityStatus.LOST;
        closeDate = on;
        changes.add(new OpportunityChange.Lost(previous, on, reason.strip(), competitor.strip()));
    }

    /** Reopens a won or lost deal into an open stage ({@code target} null: the stage it was closed from). */
    public void reopen(Stage target, String reason, LocalDate today, Instant now) {
        require(OpportunityAction.REOPEN);
        requireText("reason", reason);
        Stage to = target != null ? target : stageBeforeClosing();
        requireOpenStageOf(pipeline, to);
        OpportunityStatus previousStatus = status;
        LocalDate previousClose = closeDate;
        FxQuote fx = wonFx;
        BigDecimal reporting = wonReportingAmount;
        enterStage(to, today, now);
        status = OpportunityStatus.OPEN;
        closeDate = null;
        wonFx = null;
        wonReportingAmount = null;
        changes.add(new OpportunityChange.Reopened(previousStatus, previousClose, today, reason.strip(), fx, reporting));
    }

    private Stage stageBeforeClosing() {
        for (int i = stageHistory.size() - 1; i >= 0; i--) {
            if (stageHistory.get(i).stage().isOpen()) {
                return pipeline.stage(stageHistory.get(i).stage().id()).orElse(pipeline.firstStage());
            }
        }
        return pipeline.firstStage();
    }

    /** Checks that a follow-up activity may be logged now. */
    public void requireActivityAllowed() {
        require(OpportunityAction.ADD_ACTIVITY);
    }

    private void require(OpportunityAction action) {
        if (!status.allows(action)) {
            throw new TransitionRefusedException(status, action);
        }
    }

    private static void requireTitle(String title) {
        requireText("title", title);
        if (title.length() > 300) {
            throw new InvalidInputException("title", "at most 300 characters");
        }
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
    }

    private static BigDecimal requireAmount(BigDecimal amount, Currency currency) {
        if (amount == null || amount.signum() <= 0) {
            throw new InvalidInputException("amount", "must be greater than 0");
        }
        if (amount.stripTrailingZeros().scale() > currency.getDefaultFractionDigits()) {
            throw new InvalidInputException("amount", "has more decimals than " + currency + " allows");
        }
        return amount.setScale(currency.getDefaultFractionDigits());
    }

    private static void requireCloseDate(LocalDate on, LocalDate today) {
        if (on == null) {
            throw new InvalidInputException("closeDate", "is required");
        }
        if (on.isAfter(today)) {
            throw new InvalidInputException("closeDate", "must not be in the future");
        }
    }

    private static void requireOpenStageOf(Pipeline pipeline, Stage stage) {
        if (pipeline.openIndex(stage.id()) < 0) {
            throw new RuleViolationException("stage-invalid", "stage " + stage.code() + " is not an open stage of this pipeline");
        }
    }

    /** The changes recorded since this instance was created or restored, in order. */
    public List<OpportunityChange> changes() {
        return List.copyOf(changes);
    }

    public UUID id() { return id; }
    public UUID accountId() { return accountId; }
    public Pipeline pipeline() { return pipeline; }
    public String title() { return title; }
    public BigDecimal amount() { return amount; }
    public Currency currency() { return currency; }
    public LocalDate expectedCloseDate() { return expectedCloseDate; }
    public Dimensions dimensions() { return dimensions; }
    public Owners owners() { return owners; }
    public Stage stage() { return stage; }
    public LocalDate stageEnteredOn() { return stageEnteredOn; }
    public OpportunityStatus status() { return status; }
    public LocalDate closeDate() { return closeDate; }
    public FxQuote wonFx() { return wonFx; }
    public BigDecimal wonReportingAmount() { return wonReportingAmount; }
    public String externalRef() { return externalRef; }
    /** Oldest first; the last visit is open ({@code leftOn} null) unless the deal is closed. */
    public List<StageVisit> stageHistory() { return List.copyOf(stageHistory); }
}
