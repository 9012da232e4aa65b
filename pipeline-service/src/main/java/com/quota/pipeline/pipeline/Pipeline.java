package com.quota.pipeline.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A sales pipeline: open stages in order, then exactly one WON and one LOST stage. Several pipelines may exist
 * (e.g. project sales and run-rate sales).
 */
public record Pipeline(UUID id, String name, List<Stage> stages) {

    public Pipeline {
        if (name == null || name.isBlank()) {
            throw new PipelineDefinitionException("name", "must not be blank");
        }
        if (stages == null || stages.isEmpty()) {
            throw new PipelineDefinitionException("stages", "must not be empty");
        }
        stages = List.copyOf(stages);
        Set<String> codes = new HashSet<>();
        int won = 0;
        int lost = 0;
        int open = 0;
        for (Stage stage : stages) {
            if (!codes.add(stage.code())) {
                throw new PipelineDefinitionException("stages", "stage code " + stage.code() + " appears twice");
            }
            if (stage.closedAs() == StageOutcome.WON) {
                won++;
            } else if (stage.closedAs() == StageOutcome.LOST) {
                lost++;
            } else {
                open++;
            }
        }
        if (won != 1 || lost != 1) {
            throw new PipelineDefinitionException("stages", "needs exactly one WON and one LOST stage");
        }
        if (open == 0) {
            throw new PipelineDefinitionException("stages", "needs at least one open stage");
        }
    }

    /** The open stages in their order. */
    public List<Stage> openStages() {
        List<Stage> open = new ArrayList<>();
        for (Stage stage : stages) {
            if (stage.isOpen()) {
                open.add(stage);
            }
        }
        open.sort((a, b) -> Integer.compare(a.position(), b.position()));
        return open;
    }

    public Stage wonStage() {
        return closedStage(StageOutcome.WON);
    }

    public Stage lostStage() {
        return closedStage(StageOutcome.LOST);
    }

    private Stage closedStage(StageOutcome outcome) {
        return stages.stream().filter(s -> s.closedAs() == outcome).findFirst().orElseThrow();
    }

    public Optional<Stage> stage(UUID stageId) {
        return stages.stream().filter(s -> s.id().equals(stageId)).findFirst();
    }

    public Optional<Stage> stageByCode(String code) {
        return stages.stream().filter(s -> s.code().equals(code)).findFirst();
    }

    /** The first open stage: where a new opportunity starts unless told otherwise. */
    public Stage firstStage() {
        return openStages().get(0);
    }

    /** The open stage after the given one, or empty at the last open stage. */
    public Optional<Stage> nextOpenStage(Stage stage) {
        List<Stage> open = openStages();
        for (int i = 0; i < open.size() - 1; i++) {
            if (open.get(i).id().equals(stage.id())) {
                return Optional.of(open.get(i + 1));
            }
        }
        return Optional.empty();
    }

    /** The order of an open stage among the open stages (0-based), or -1 when it is not one of them. */
    public int openIndex(UUID stageId) {
        List<Stage> open = openStages();
        for (int i = 0; i < open.size(); i++) {
            if (open.get(i).id().equals(stageId)) {
                return i;
            }
        }
        return -1;
    }
}
