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

    public record VariableSpec(@Required @Size(min = 1) List<String> values) {}

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
