package dev.crescendo.api;

import dev.crescendo.loadgen.config.ScenarioSpec;
import dev.crescendo.loadgen.config.StageConfig.StageSpec;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * What to test and how hard. {@code scenario} and each stage have exactly the shape the load
 * generator reads, so a stage's Job config is the spec's own fields. {@code runId}: any text;
 * changing it starts a new run of an otherwise unchanged campaign (a re-run from Git).
 */
@ValidationRule(value = "self.stages.all(s, self.stages.exists_one(t, t.name == s.name))",
        message = "stage names must be unique", fieldPath = ".stages")
@ValidationRule(value = "!has(self.thresholds) || self.thresholds.all(s, self.thresholds.exists_one(t, t.name == s.name))",
        message = "threshold names must be unique", fieldPath = ".thresholds")
public record LoadCampaignSpec(
        @Required TargetSpec target,
        PrometheusSpec prometheus,
        @Required ScenarioSpec scenario,
        @Required @Size(min = 1, max = 50) List<StageSpec> stages,
        List<ThresholdSpec> thresholds,
        HaltSpec halt,
        ProgressionSpec progression,
        LoadGeneratorSpec loadGenerator,
        String runId) {

    public LoadCampaignSpec withStages(List<StageSpec> newStages) {
        return new LoadCampaignSpec(target, prometheus, scenario, newStages, thresholds, halt, progression, loadGenerator, runId);
    }

    public LoadCampaignSpec withProgression(ProgressionSpec newProgression) {
        return new LoadCampaignSpec(target, prometheus, scenario, stages, thresholds, halt, newProgression, loadGenerator, runId);
    }

    public LoadCampaignSpec withPrometheus(PrometheusSpec newPrometheus) {
        return new LoadCampaignSpec(target, newPrometheus, scenario, stages, thresholds, halt, progression, loadGenerator, runId);
    }

    public LoadCampaignSpec withHalt(HaltSpec newHalt) {
        return new LoadCampaignSpec(target, prometheus, scenario, stages, thresholds, newHalt, progression, loadGenerator, runId);
    }
}
