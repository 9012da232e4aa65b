package com.quota.pipeline.opportunity;

import com.quota.pipeline.pipeline.Stage;

import java.time.Instant;
import java.time.LocalDate;

/** One stay of an opportunity in a stage, with the stage as it was configured then; {@code leftOn} null while there. */
public record StageVisit(Stage stage, LocalDate enteredOn, Instant enteredAt, LocalDate leftOn, Instant leftAt) {

    public StageVisit leave(LocalDate on, Instant at) {
        return new StageVisit(stage, enteredOn, enteredAt, on, at);
    }
}
