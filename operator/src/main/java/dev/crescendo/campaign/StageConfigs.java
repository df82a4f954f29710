package dev.crescendo.campaign;

import dev.crescendo.api.LoadCampaignSpec;
import dev.crescendo.api.ThresholdSpec;
import dev.crescendo.loadgen.config.StageConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The load generator's config for one stage of a campaign: the spec's own target, scenario and
 * stage, plus the thresholds the generator can judge itself (it aborts the stage on their breach).
 */
public final class StageConfigs {
    private StageConfigs() {}

    public static StageConfig forStage(String campaign, String namespace, LoadCampaignSpec spec, int stage,
                                       String summaryFile, Integer metricsPort) {
        var target = spec.target() == null ? null
                : new StageConfig.TargetSpec(spec.target().baseUrl(), spec.target().connectTimeout());
        return new StageConfig(campaign, namespace, target, withSecretsFromEnv(spec.scenario()), spec.stages().get(stage),
                generatorThresholds(spec), spec.halt() == null ? null : spec.halt().window(), null, metricsPort, summaryFile);
    }

    /** The environment variable a {@code fromSecret} variable reaches the stage pod in. */
    public static String secretEnvName(String variable) {
        return "CRESCENDO_SECRET_" + variable.toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * The scenario as the generator reads it: {@code fromSecret} variables become {@code fromEnv}
     * ones, and the Job maps that environment variable to the Secret (the value is never in the Job).
     */
    static dev.crescendo.loadgen.config.ScenarioSpec withSecretsFromEnv(dev.crescendo.loadgen.config.ScenarioSpec s) {
        if (s == null || s.variables() == null || s.variables().values().stream().noneMatch(v -> v != null && v.fromSecret() != null)) {
            return s;
        }
        java.util.Map<String, dev.crescendo.loadgen.config.ScenarioSpec.VariableSpec> variables = new java.util.LinkedHashMap<>();
        s.variables().forEach((name, v) -> variables.put(name, v != null && v.fromSecret() != null
                ? new dev.crescendo.loadgen.config.ScenarioSpec.VariableSpec(null, secretEnvName(name), null) : v));
        return new dev.crescendo.loadgen.config.ScenarioSpec(variables, s.operations(), s.thinkTime(), s.timeout());
    }

    /** The thresholds on the generator's own numbers, in spec order (null when there are none). */
    static List<dev.crescendo.loadgen.config.ThresholdSpec> generatorThresholds(LoadCampaignSpec spec) {
        if (spec.thresholds() == null) {
            return null;
        }
        List<dev.crescendo.loadgen.config.ThresholdSpec> out = new ArrayList<>();
        for (ThresholdSpec t : spec.thresholds()) {
            if (t != null && t.isGeneratorSide()) {
                out.add(new dev.crescendo.loadgen.config.ThresholdSpec(t.name(), t.latency(), t.errorRate(),
                        t.outcomeRate(), t.warn(), t.fail(), t.sustain()));
            }
        }
        return out.isEmpty() ? null : out;
    }
}
