package com.quota.contract.execution;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A deliverable of a contract in execution with its weight (the weights of a contract's milestones sum to 100).
 *
 * @param completedOn null while open
 */
public record Milestone(UUID id, String name, int weight, LocalDate dueDate, LocalDate completedOn) {

    public boolean isCompleted() {
        return completedOn != null;
    }

    /** Open and due before {@code asOf}. */
    public boolean isOverdue(LocalDate asOf) {
        return completedOn == null && dueDate != null && dueDate.isBefore(asOf);
    }

    public Milestone completeOn(LocalDate date) {
        return new Milestone(id, name, weight, dueDate, date);
    }
}
