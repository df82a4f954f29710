package dev.crescendo.loadgen.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.loadgen.engine.Outcome;
import dev.crescendo.loadgen.testing.Stages;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    private static Scenario scenario(String scenarioYaml) {
        return Stages.scenario(scenarioYaml);
    }

    @Test
    void picksOperationsByWeight() {
        Scenario s = scenario("""
                operations:
                  - {name: send, weight: 70, request: {method: POST, path: /m}}
                  - {name: history, weight: 30, request: {path: /m}}
                """);
        Map<String, Integer> picks = new HashMap<>();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            picks.merge(s.pick(random).name(), 1, Integer::sum);
        }
        assertThat(picks.get("send") / 100_000.0).isCloseTo(0.70, org.assertj.core.data.Offset.offset(0.01));
        assertThat(picks.get("history") / 100_000.0).isCloseTo(0.30, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void anOperationWaitsForTheValuesItNeeds() {
        Scenario s = scenario("""
                operations:
                  - {name: send, weight: 1, request: {method: POST, path: /m}, extract: {messageId: "$.message.id"}}
                  - {name: history, weight: 1000, request: {path: "/m?cursor=${messageId}"}}
                """);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            assertThat(s.pick(random).name()).isEqualTo("send");
        }
        Operation send = s.operations().get(0);
        assertThat(send.judge(201, "{\"message\":{\"id\":\"m-7\"}}", s.variables()).outcome()).isEqualTo(Outcome.OK);
        assertThat(s.variables().pool("messageId").pick()).isEqualTo("m-7");
        int history = 0;
        for (int i = 0; i < 1000; i++) {
            history += s.pick(random).name().equals("history") ? 1 : 0;
        }
        assertThat(history).isGreaterThan(990);
    }

    @Test
    void nothingRunnableGivesNull() {
        Scenario s = scenario("""
                operations:
                  - {name: history, request: {path: "/m?cursor=${messageId}"}}
                  - {name: never, request: {path: /x}, extract: {messageId: "$.id"}, weight: 1}
                """);
        // 'never' can run; remove it from consideration by checking 'history' alone is not runnable.
        assertThat(s.operations().get(0).isRunnable(s.variables())).isFalse();
        assertThat(s.pick(new SplittableRandom(3)).name()).isEqualTo("never");
    }

    @Test
    void extractionCollectsEveryValueOfAListPath() {
        Scenario s = scenario("""
                operations:
                  - {name: list, request: {path: /m}, extract: {messageId: "$.messages[*].id"}}
                """);
        Operation list = s.operations().get(0);
        list.judge(200, "{\"messages\":[{\"id\":\"a\"},{\"id\":\"b\"},{\"id\":3}]}", s.variables());
        assertThat(s.variables().pool("messageId").size()).isEqualTo(3);
    }
}
