package dev.crescendo.reconciler;

import dev.crescendo.api.LoadCampaignStatus;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import dev.crescendo.api.LoadCampaignStatus.StageStatus;
import dev.crescendo.api.LoadCampaignStatus.Verdict;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The status being worked out in one reconcile: starts as a copy of the stored status, steps
 * change it, {@link #toStatus} freezes it with fresh conditions. Patched only when it differs.
 */
final class StatusDraft {
    Long observedGeneration;
    Integer run;
    String runSpecHash;
    Phase phase;
    Verdict verdict;
    String currentStage;
    String message;
    LoadCampaignStatus.PreflightStatus preflight;
    List<StageStatus> stages = new ArrayList<>();
    LoadCampaignStatus.Breach breach;
    LoadCampaignStatus.Diagnosis diagnosis;
    LoadCampaignStatus.Capacity capacity;
    List<LoadCampaignStatus.RunSummary> history = new ArrayList<>();
    private final List<Condition> previousConditions;

    StatusDraft(LoadCampaignStatus s) {
        if (s == null) {
            previousConditions = List.of();
            return;
        }
        observedGeneration = s.observedGeneration();
        run = s.run();
        runSpecHash = s.runSpecHash();
        phase = s.phase();
        verdict = s.verdict();
        currentStage = s.currentStage();
        message = s.message();
        preflight = s.preflight();
        stages = s.stages() == null ? new ArrayList<>() : new ArrayList<>(s.stages());
        breach = s.breach();
        diagnosis = s.diagnosis();
        capacity = s.capacity();
        history = s.history() == null ? new ArrayList<>() : new ArrayList<>(s.history());
        previousConditions = s.conditions() == null ? List.of() : s.conditions();
    }

    StageStatus stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    void putStage(StageStatus stage) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).name().equals(stage.name())) {
                stages.set(i, stage);
                return;
            }
        }
        stages.add(stage);
    }

    LoadCampaignStatus toStatus(long generation, Instant now) {
        List<Condition> conditions = CampaignConditions.of(phase, message, generation, previousConditions, now);
        return new LoadCampaignStatus(observedGeneration, run, runSpecHash, phase, verdict, currentStage, message, conditions, preflight,
                stages.isEmpty() ? null : List.copyOf(stages), breach, diagnosis, capacity,
                history.isEmpty() ? null : List.copyOf(history));
    }
}
