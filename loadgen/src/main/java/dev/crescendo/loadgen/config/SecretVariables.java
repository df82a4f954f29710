package dev.crescendo.loadgen.config;

import dev.crescendo.loadgen.config.ScenarioSpec.VariableSpec;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Fills {@code fromEnv} variables with their value when a stage starts. The values are secrets
 * (API tokens): they live only in memory, and every report the stage writes is redacted of them.
 */
public final class SecretVariables {
    /** The config with every variable listed by value, and the secret values to keep out of reports. */
    public record Resolved(StageConfig config, Set<String> secrets) {}

    private SecretVariables() {}

    public static Resolved resolve(StageConfig c, Function<String, String> env) throws ConfigException {
        ScenarioSpec s = c.scenario();
        if (s == null || s.variables() == null) {
            return new Resolved(c, Set.of());
        }
        Map<String, VariableSpec> variables = new LinkedHashMap<>();
        Set<String> secrets = new LinkedHashSet<>();
        for (var e : s.variables().entrySet()) {
            VariableSpec v = e.getValue();
            if (v.fromSecret() != null) {
                throw new ConfigException("scenario.variables." + e.getKey() + ".fromSecret: a Secret is read by the operator into"
                        + " the stage pod's environment; outside a campaign use fromEnv");
            }
            if (v.fromEnv() == null) {
                variables.put(e.getKey(), v);
                continue;
            }
            String value = env.apply(v.fromEnv());
            if (value == null || value.isEmpty()) {
                throw new ConfigException("scenario.variables." + e.getKey() + ".fromEnv: the environment variable "
                        + v.fromEnv() + " is not set");
            }
            secrets.add(value);
            variables.put(e.getKey(), VariableSpec.of(List.of(value)));
        }
        ScenarioSpec resolved = new ScenarioSpec(variables, s.operations(), s.thinkTime(), s.timeout());
        return new Resolved(new StageConfig(c.campaign(), c.namespace(), c.target(), resolved, c.stage(), c.thresholds(),
                c.thresholdWindow(), c.fastFail(), c.metricsPort(), c.summaryFile()), Set.copyOf(secrets));
    }
}
