package dev.crescendo.loadgen.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad input is rejected with the path of each bad field; good input keeps every field. */
class ConfigLoaderTest {
    private static final String VALID = """
            campaign: chat-progressive
            namespace: perf
            stage: {name: medium, vus: 50, duration: 5m, rampUp: 30s}
            target: {baseUrl: "http://chat-backend.perf.svc:3001/api/v1"}
            thresholds:
              - {name: send-p95, latency: {operation: send, percentile: 95}, warn: 200ms, fail: 250ms}
              - {name: errors, errorRate: {}, fail: "1%"}
              - {name: throttled, outcomeRate: {outcome: rate_limited}, fail: 0.05, for: 15s}
            scenario:
              variables:
                userId: {values: [u1, u2, u3]}
              thinkTime: 500ms
              operations:
                - name: send
                  weight: 70
                  request: {method: POST, path: "/conversations/c1/messages", body: '{"userId":"${userId}"}'}
                  expect: {status: [200, 201]}
                  extract: {messageId: "$.message.id"}
                - name: history
                  weight: 30
                  request: {method: GET, path: "/conversations/c1/messages?cursor=${messageId?}"}
            """;

    @Test
    void readsAFullStage() throws Exception {
        StageConfig c = ConfigLoader.parse(VALID, false);
        assertThat(c.stage().rampUp()).isEqualTo("30s");
        assertThat(Durations.parse(c.stage().duration())).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.scenario().thinkTime()).isEqualTo("500ms");
        assertThat(c.thresholds()).hasSize(3);
        assertThat(c.thresholds().get(2).sustain()).isEqualTo("15s");
        assertThat(c.scenario().operations().get(0).extract()).containsEntry("messageId", "$.message.id");
    }

    @Test
    void jsonRoundTripKeepsTheConfig() throws Exception {
        StageConfig c = ConfigLoader.parse(VALID, false);
        assertThat(ConfigLoader.parse(ConfigLoader.toJson(c), true)).isEqualTo(c);
    }

    @Test
    void unknownFieldIsNamedWithItsPath() {
        assertThatThrownBy(() -> ConfigLoader.parse(VALID.replace("weight: 30", "wieght: 30"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown field 'scenario.operations[1].wieght'")
                .hasMessageContaining("weight");
    }

    @Test
    void badDurationIsNamedWithItsPath() {
        assertThatThrownBy(() -> ConfigLoader.parse(VALID.replace("rampUp: 30s", "rampUp: 30 seconds"), false))
                .hasMessageContaining("stage.rampUp: invalid duration '30 seconds'");
    }

    @Test
    void wrongTypeIsNamedWithItsPath() {
        assertThatThrownBy(() -> ConfigLoader.parse(VALID.replace("vus: 50", "vus: lots"), false))
                .hasMessageContaining("field stage.vus");
    }

    @Test
    void everySemanticProblemIsListed() {
        String bad = """
                stage: {name: s, vus: 5, arrivalRate: 10, duration: 0s}
                target: {baseUrl: "ftp://x"}
                thresholds:
                  - {name: p, latency: {operation: nope, percentile: 120}, warn: 300ms, fail: 250ms}
                  - {name: r, outcomeRate: {outcome: teapot}, fail: "150%"}
                  - {name: r, errorRate: {}, latency: {percentile: 95}, fail: 1}
                scenario:
                  operations:
                    - {name: send, weight: 0, request: {method: FETCH, path: "m/${who}"}, expect: {status: [700]}}
                    - {name: send, request: {path: /x}, extract: {"1bad": "$.[["}}
                """;
        assertThatThrownBy(() -> ConfigLoader.parse(bad, false))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("stage: set exactly one of vus"))
                        .anySatisfy(p -> assertThat(p).startsWith("stage.duration: must be greater than 0"))
                        .anySatisfy(p -> assertThat(p).startsWith("target.baseUrl: must start with http://"))
                        .anySatisfy(p -> assertThat(p).startsWith("thresholds[0].latency.operation: no operation named 'nope'"))
                        .anySatisfy(p -> assertThat(p).startsWith("thresholds[0].latency.percentile"))
                        .anySatisfy(p -> assertThat(p).startsWith("thresholds[0].warn: must not be above fail"))
                        .anySatisfy(p -> assertThat(p).startsWith("thresholds[1].outcomeRate.outcome: unknown outcome 'teapot'"))
                        .anySatisfy(p -> assertThat(p).startsWith("thresholds[1].fail: invalid rate limit '150%'"))
                        .anySatisfy(p -> assertThat(p).startsWith("thresholds[2].name: duplicate"))
                        .anySatisfy(p -> assertThat(p).startsWith("thresholds[2]: set exactly one of"))
                        .anySatisfy(p -> assertThat(p).startsWith("scenario.operations[0].weight: must be at least 1"))
                        .anySatisfy(p -> assertThat(p).startsWith("scenario.operations[0].request.method: unknown method 'FETCH'"))
                        .anySatisfy(p -> assertThat(p).startsWith("scenario.operations[0].request.path: is required and must start with '/'"))
                        .anySatisfy(p -> assertThat(p).startsWith("scenario.operations[0].expect.status[0]"))
                        .anySatisfy(p -> assertThat(p).startsWith("scenario.operations[1].name: duplicate operation name 'send'"))
                        .anySatisfy(p -> assertThat(p).startsWith("scenario.operations[1].extract.1bad: invalid variable name"))
                        .anySatisfy(p -> assertThat(p).startsWith("scenario.operations[1].extract.1bad: invalid JSONPath")));
    }

    @Test
    void undeclaredVariableIsReported() {
        assertThatThrownBy(() -> ConfigLoader.parse(VALID.replace("${userId}", "${user}"), false))
                .hasMessageContaining("scenario.operations[0].request.body: uses ${user}, which is neither in scenario.variables nor extracted");
    }

    @Test
    void missingSectionsAreReported() {
        assertThatThrownBy(() -> ConfigLoader.parse("campaign: x\n", false))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .contains("target.baseUrl: is required (e.g. http://chat-backend.perf.svc:3001/api/v1)",
                                "stage: is required: {name, vus or arrivalRate, duration}",
                                "scenario.operations: at least one operation is required"));
    }

    @Test
    void brokenYamlSaysWhere() {
        assertThatThrownBy(() -> ConfigLoader.parse("stage: {name: x\ntarget: y\n", false))
                .hasMessageContaining("config is not valid YAML").hasMessageContaining("flow mapping").hasMessageContaining("line");
    }

    @Test
    void wrongShapeSaysWhatWasExpected() {
        assertThatThrownBy(() -> ConfigLoader.parse("stage: {name: [a, b]}\n", false))
                .hasMessage("field stage.name: expected a string, got a list");
        assertThatThrownBy(() -> ConfigLoader.parse("scenario: {operations: {name: a}}\n", false))
                .hasMessage("field scenario.operations: expected a list, got a mapping");
    }
}
