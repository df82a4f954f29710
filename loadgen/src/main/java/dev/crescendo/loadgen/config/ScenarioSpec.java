package dev.crescendo.loadgen.config;

import java.util.List;
import java.util.Map;

/** DESIGN §2 {@code spec.scenario}: weighted operations over shared variables. */
public record ScenarioSpec(
        Map<String, VariableSpec> variables,
        List<OperationSpec> operations,
        String thinkTime,
        String timeout) {

    public record VariableSpec(List<String> values) {}

    public record OperationSpec(
            String name,
            Integer weight,
            RequestSpec request,
            ExpectSpec expect,
            /* variable name -> JSONPath into the response body; values feed that variable's pool */
            Map<String, String> extract,
            String timeout) {}

    public record RequestSpec(String method, String path, Map<String, String> headers, String body) {}

    /** {@code status}: statuses that count as ok (default: any 2xx/3xx); {@code body}: optional check. */
    public record ExpectSpec(List<Integer> status, BodyCheckSpec body) {}

    /** Either {@code jsonPath} + {@code equals}, or {@code contains}. */
    public record BodyCheckSpec(String jsonPath, String equals, String contains) {}
}
