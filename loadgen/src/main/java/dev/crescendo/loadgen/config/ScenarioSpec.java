package dev.crescendo.loadgen.config;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** DESIGN §2 {@code spec.scenario}: weighted operations over shared variables. */
public record ScenarioSpec(
        Map<String, VariableSpec> variables,
        @Required @Size(min = 1) List<OperationSpec> operations,
        @Pattern(SchemaPatterns.DURATION) String thinkTime,
        @Pattern(SchemaPatterns.DURATION) String timeout) {

    /**
     * A variable's values: listed ({@code values}), or one secret value read when the stage starts
     * from an environment variable ({@code fromEnv}) or, in a campaign, from a Kubernetes Secret
     * ({@code fromSecret}; the operator hands it to the stage pod as an environment variable, so it
     * never appears in the Job's arguments, the status or the logs).
     */
    @ValidationRule(value = "[has(self.values), has(self.fromEnv), has(self.fromSecret)].filter(x, x).size() == 1",
            message = "set exactly one of values, fromEnv or fromSecret")
    public record VariableSpec(@Size(min = 1) List<String> values, String fromEnv, SecretRef fromSecret) {
        public static VariableSpec of(List<String> values) {
            return new VariableSpec(values, null, null);
        }
    }

    /** A key of a Kubernetes Secret in the campaign's namespace. */
    public record SecretRef(@Required String name, @Required String key) {}

    public record OperationSpec(
            @Required @Pattern(SchemaPatterns.OPERATION_NAME) String name,
            @Min(1) Integer weight,
            @Required RequestSpec request,
            ExpectSpec expect,
            /* variable name -> JSONPath into the response body; values feed that variable's pool */
            Map<String, String> extract,
            @Pattern(SchemaPatterns.DURATION) String timeout) {}

    public record RequestSpec(@Pattern(SchemaPatterns.METHOD) String method, @Required @Pattern("^/\\S*$") String path,
                              Map<String, String> headers, String body) {}

    /** {@code status}: statuses that count as ok (default: any 2xx/3xx); {@code body}: optional check. */
    public record ExpectSpec(List<@Min(100) @Max(599) Integer> status, BodyCheckSpec body) {}

    /** Either {@code jsonPath} + {@code equals}, or {@code contains}. */
    @ValidationRule(value = "has(self.contains) != (has(self.jsonPath) || has(self.equals))",
            message = "set either jsonPath and equals, or contains")
    public record BodyCheckSpec(String jsonPath, String equals, String contains) {}
}
